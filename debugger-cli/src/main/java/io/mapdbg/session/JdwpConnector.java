package io.mapdbg.session;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Opens a JDI connection to a PID (ProcessAttach) or a socket (SocketAttach), turning failures into one-liners. */
final class JdwpConnector {

    static final String JDWP_OPTION = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";
    static final int TIMEOUT_MILLIS = 5_000;

    private JdwpConnector() {}

    static VirtualMachine attachPid(long pid) {
        var process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new TargetException("no process with pid " + pid);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new TargetException("process " + pid + " is mapdbg itself");
        }
        // The Attach API signals SIGQUIT, which kills a process that is not a JVM: never try one we cannot vouch for.
        if (!HotSpotProbe.isJvm(pid)) {
            throw new TargetException("process " + pid + " is not a Java VM");
        }
        AttachingConnector connector = connector("com.sun.jdi.ProcessAttach");
        Map<String, Connector.Argument> args = connector.defaultArguments();
        args.get("pid").setValue(Long.toString(pid));
        args.get("timeout").setValue(Integer.toString(TIMEOUT_MILLIS));
        // After a debugger detaches, JDWP (address ...:0) listens again on a new port; until it does, ProcessAttach
        // finds no endpoint. Back-to-back one-shot commands hit that window, so wait for the new port, bounded.
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            try {
                return connector.attach(args);
            } catch (IOException e) {
                if (fullMessage(e).contains("Unable to determine transport endpoint") && System.nanoTime() < deadline
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pause(20);
                    continue;
                }
                throw attachFailure(pid, e);
            } catch (IllegalConnectorArgumentsException e) {
                throw new IllegalStateException(e); // our own arguments: a bug, not a user error
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while attaching", e);
        }
    }

    private static TargetException attachFailure(long pid, IOException e) {
        String text = fullMessage(e);
        if (text.contains("Not a debuggee")) {
            return new NoJdwpException(pid, "process " + pid + " is a Java VM started without JDWP; restart it with "
                    + JDWP_OPTION, e);
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return new TargetExitedException("process " + pid + " exited while attaching", e);
        }
        return new TargetException("cannot attach to process " + pid + ": " + text, e);
    }

    static VirtualMachine attachSocket(String host, int port) {
        AttachingConnector connector = connector("com.sun.jdi.SocketAttach");
        Map<String, Connector.Argument> args = connector.defaultArguments();
        args.get("hostname").setValue(host);
        args.get("port").setValue(Integer.toString(port));
        args.get("timeout").setValue(Integer.toString(TIMEOUT_MILLIS));
        String where = host + ":" + port;
        try {
            return connector.attach(args);
        } catch (ConnectException e) {
            throw new TargetException("connection refused by " + where + " (is the target running with "
                    + JDWP_OPTION.replace("127.0.0.1:0", "<host>:" + port) + "?)", e);
        } catch (UnknownHostException e) {
            throw new TargetException("unknown host '" + host + "'", e);
        } catch (SocketTimeoutException e) {
            throw new TargetException("no answer from " + where + " within " + TIMEOUT_MILLIS / 1000 + " s", e);
        } catch (IOException e) {
            String text = fullMessage(e);
            if (text.contains("handshake")) {
                throw new TargetException(where + " is not a JDWP endpoint (handshake failed), or a debugger is already attached", e);
            }
            throw new TargetException("cannot attach to " + where + ": " + text, e);
        } catch (IllegalConnectorArgumentsException e) {
            throw new TargetException("bad socket " + where + ": " + e.getMessage(), e);
        }
    }

    private static AttachingConnector connector(String name) {
        return Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new TargetException("this JDK has no " + name + " connector (module jdk.jdi/jdk.attach missing?)"));
    }

    /** The innermost useful message of a chain, on one line. */
    static String fullMessage(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && text.indexOf(m) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String s = text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
        return s.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Tells a HotSpot JVM from any other process without touching it. */
    static final class HotSpotProbe {
        private HotSpotProbe() {}

        static boolean isJvm(long pid) {
            Path maps = Path.of("/proc", Long.toString(pid), "maps");
            if (Files.isReadable(maps)) {
                try (var lines = Files.lines(maps)) {
                    if (lines.anyMatch(l -> l.contains("/libjvm.so"))) {
                        return true;
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // fall through to the hsperfdata check
                }
            }
            if (hasPerfData(pid)) {
                return true;
            }
            try {
                return com.sun.tools.attach.VirtualMachine.list().stream().anyMatch(d -> d.id().equals(Long.toString(pid)));
            } catch (RuntimeException e) {
                return false;
            }
        }

        private static boolean hasPerfData(long pid) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (var dirs = Files.newDirectoryStream(tmp, "hsperfdata_*")) {
                for (Path dir : dirs) {
                    if (Files.exists(dir.resolve(Long.toString(pid)))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        }
    }
}
