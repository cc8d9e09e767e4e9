package io.mapdbg.session;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.VirtualMachine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a JDI connection to a PID (ProcessAttach) or a socket (SocketAttach), turning failures into one-liners. */
final class JdwpConnector {

    static final String JDWP_OPTION = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";
    static final int TIMEOUT_MILLIS = 5_000;
    /** How long a PID's JDWP may show no endpoint (it re-listens within milliseconds after a detach). */
    static final int BUSY_MILLIS = 2_000;

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
        // As ProcessAttach does, but through our own bounded connection (JdwpSocket). While a debugger is connected,
        // JDWP advertises no endpoint; right after one detaches (address ...:0) it takes a moment to listen again on a
        // new port, which back-to-back one-shot commands hit. So wait for an endpoint, but only BUSY_MILLIS: longer
        // means another debugger holds the connection.
        long deadline = System.nanoTime() + BUSY_MILLIS * 1_000_000L;
        while (true) {
            String address = listenerAddress(pid);
            HostPort endpoint = HostPort.parse(address);
            if (endpoint != null) {
                try {
                    return open(endpoint.host(), endpoint.port());
                } catch (ConnectException | JdwpSocket.HandshakeException e) {
                    // the endpoint just closed (a debugger took it, or JDWP moved to a new port): look again
                    if (System.nanoTime() >= deadline) {
                        throw busy(pid, e);
                    }
                } catch (IOException e) {
                    throw attachFailure(pid, e);
                }
            } else if (System.nanoTime() >= deadline) {
                throw busy(pid, null);
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new TargetExitedException("process " + pid + " exited while attaching", null);
            }
            pause(50);
        }
    }

    private static TargetException busy(long pid, Throwable cause) {
        return new TargetException("process " + pid + " has another debugger attached over JDWP, which takes one at a"
                + " time: detach that debugger (detach, or quit its mapdbg), or add --agent to go through the mapdbg agent", cause);
    }

    /** JDWP's {@code sun.jdwp.listenerAddress} ("dt_socket:host:port", empty while a debugger is connected). */
    private static String listenerAddress(long pid) {
        com.sun.tools.attach.VirtualMachine vm = null;
        try {
            vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid));
            String address = vm.getAgentProperties().getProperty("sun.jdwp.listenerAddress");
            if (address == null) {
                throw new NoJdwpException(pid, "process " + pid + " is a Java VM started without JDWP; restart it with "
                        + JDWP_OPTION, null);
            }
            return address;
        } catch (com.sun.tools.attach.AttachNotSupportedException | IOException e) {
            throw attachFailure(pid, e);
        } finally {
            if (vm != null) {
                try {
                    vm.detach();
                } catch (IOException e) {
                    // the properties are read; nothing is left to undo
                }
            }
        }
    }

    /** host and port of a "dt_socket:[host:]port" listener address, or null when there is none (yet). */
    record HostPort(String host, int port) {
        static HostPort parse(String address) {
            if (!address.startsWith("dt_socket:")) {
                return null;
            }
            String rest = address.substring("dt_socket:".length());
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? "" : rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || host.equals("*") || host.equals("0.0.0.0")) {
                host = "127.0.0.1";
            }
            try {
                return new HostPort(host, Integer.parseInt(rest.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
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

    private static TargetException attachFailure(long pid, Exception e) {
        String text = fullMessage(e);
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return new TargetExitedException("process " + pid + " exited while attaching", e);
        }
        return new TargetException("cannot attach to process " + pid + ": " + text, e);
    }

    static VirtualMachine attachSocket(String host, int port) {
        String where = host + ":" + port;
        try {
            return open(host, port);
        } catch (ConnectException e) {
            throw new TargetException("connection refused by " + where + " (is the target running with "
                    + JDWP_OPTION.replace("127.0.0.1:0", "<host>:" + port) + "?)", e);
        } catch (UnknownHostException e) {
            throw new TargetException("unknown host '" + host + "'", e);
        } catch (SocketTimeoutException e) {
            throw new TargetException("no answer from " + where + " within " + TIMEOUT_MILLIS / 1000 + " s", e);
        } catch (JdwpSocket.HandshakeException e) {
            throw new TargetException(e.getMessage(), e);
        } catch (IOException e) {
            throw new TargetException("cannot attach to " + where + ": " + fullMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw TargetException.usage("bad socket " + where + ": " + e.getMessage());
        }
    }

    /** Connect, handshake and JDI's first exchange, each bounded; then the connection is JDI's. */
    private static VirtualMachine open(String host, int port) throws IOException {
        JdwpSocket connection = JdwpSocket.open(host, port, TIMEOUT_MILLIS);
        try {
            VirtualMachine vm = Bootstrap.virtualMachineManager().createVirtualMachine(connection);
            connection.attached();
            return vm;
        } catch (RuntimeException | IOException e) {
            connection.close();
            if (connection.failure() != null) {
                throw new TargetException(connection.failure(), e);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(host + ":" + port + " closed the connection right after the JDWP handshake", e);
        }
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
