package io.mapdbg.session;

import com.sun.jdi.VirtualMachine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM we started under JDWP: its process, its output pumps, and its teardown. */
final class LaunchedTarget {

    static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");
    private static final int KEEP_LINES = 20;
    private static final long LISTEN_TIMEOUT_SECONDS = 30;
    private static final long EXIT_WAIT_MILLIS = 2_000;

    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private LaunchedTarget(Process process) {
        this.process = process;
    }

    static Path defaultJavaHome() {
        String env = System.getenv("MAPDBG_TARGET_JAVA_HOME");
        return Path.of(env != null && !env.isBlank() ? env : System.getProperty("java.home"));
    }

    /** Starts the JVM and waits for its JDWP port; the caller attaches and owns {@link #destroy()}. */
    static LaunchedTarget start(List<String> javaArgs, Path javaHome, Consumer<String> targetOutput) {
        Path java = (javaHome != null ? javaHome : defaultJavaHome()).resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new TargetException("no java executable at " + java);
        }
        List<String> command = new ArrayList<>(ownSession());
        boolean diesWithUs = PDEATHSIG.isPresent();
        PDEATHSIG.ifPresent(command::addAll);
        command.add(java.toString());
        command.add(JdwpConnector.JDWP_OPTION);
        command.addAll(javaArgs);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new TargetException("cannot start " + java + ": " + e.getMessage(), e);
        }
        LaunchedTarget target = new LaunchedTarget(process);
        if (!diesWithUs) {
            watchdog(process.pid());
        }
        Consumer<String> sink = targetOutput != null ? targetOutput : line -> {};
        target.pump(process.getInputStream(), sink, true, "stdout");
        target.pump(process.getErrorStream(), sink, false, "stderr");
        return target;
    }

    /**
     * Ctrl-C at the REPL stops a command, not the JVM it launched: a child in mapdbg's process group would get the
     * terminal's SIGINT too and die. setsid (util-linux) starts it in a session of its own; it execs (the child of
     * a JVM is no group leader, so it does not fork): the pid stays the JVM's. Where there is none, as before.
     */
    private static List<String> ownSession() {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path setsid = Path.of(dir, "setsid");
            if (Files.isExecutable(setsid)) {
                return List.of(setsid.toString());
            }
        }
        return List.of();
    }

    /**
     * A launched JVM must not outlive mapdbg, however mapdbg ends: exit, Ctrl-C and SIGTERM end it through the
     * session's teardown, and kill -9 through the kernel: {@code setpriv --pdeathsig KILL} (util-linux 2.33+) execs
     * the JVM with a parent-death signal, so it gets SIGKILL the moment mapdbg's launching thread (the main thread,
     * which lives as long as mapdbg) is gone. Empty where there is no such setpriv; then {@link #watchdog} does it.
     */
    static final java.util.Optional<List<String>> PDEATHSIG = pdeathsig();

    private static java.util.Optional<List<String>> pdeathsig() {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path setpriv = Path.of(dir, "setpriv");
            if (Files.isExecutable(setpriv)) {
                try {
                    Process probe = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "true")
                            .redirectErrorStream(true).start();
                    probe.getInputStream().readAllBytes();
                    if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                        return java.util.Optional.of(List.of(setpriv.toString(), "--pdeathsig", "KILL"));
                    }
                } catch (IOException e) {
                    // not usable: the watchdog instead
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Without setpriv: a small shell in a session of its own checks every second that mapdbg is alive and kills the
     * JVM when it is not; it ends by itself when the JVM does.
     */
    private static void watchdog(long jvmPid) {
        String script = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done;"
                + " kill -0 \"$1\" 2>/dev/null || kill -9 \"$2\" 2>/dev/null";
        List<String> command = new ArrayList<>(ownSession());
        command.addAll(List.of("/bin/sh", "-c", script, "mapdbg-watchdog", Long.toString(ProcessHandle.current().pid()),
                Long.toString(jvmPid)));
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // no shell: the session's teardown still ends the JVM on every exit but kill -9
        }
    }

    int awaitPort() {
        try {
            return port.get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            destroy();
            throw new TargetException("the launched JVM exited (code " + exitCode() + ") before listening for a debugger"
                    + lastOutput(), e.getCause());
        } catch (TimeoutException e) {
            destroy();
            throw new TargetException("the launched JVM did not listen for a debugger within "
                    + LISTEN_TIMEOUT_SECONDS + " s" + lastOutput(), e);
        } catch (InterruptedException e) {
            destroy();
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while launching", e);
        }
    }

    Process process() {
        return process;
    }

    private String exitCode() {
        try {
            return process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS) ? Integer.toString(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private String lastOutput() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : "; its last output: " + String.join(" | ", lastLines);
        }
    }

    private void pump(InputStream in, Consumer<String> sink, boolean watchForPort, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (watchForPort && !port.isDone()) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                            continue; // the port line is ours, not the target's output
                        }
                    }
                    synchronized (lastLines) {
                        if (lastLines.size() == KEEP_LINES) {
                            lastLines.removeFirst();
                        }
                        lastLines.addLast(line);
                    }
                    try {
                        sink.accept(line);
                    } catch (RuntimeException e) {
                        // a failing consumer must not stop the pump, or the target blocks on a full pipe
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process dies; nothing to report
            } finally {
                if (watchForPort && !port.isDone()) {
                    // wait for stderr to drain a little so the failure message carries the last lines
                    try {
                        process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    port.completeExceptionally(new IOException("output closed"));
                }
            }
        }, "mapdbg-target-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Ends the process and its descendants: politely first, forcibly after a bounded wait. */
    void destroy() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            }
        }
        try {
            process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Used after attach: socket attach to the port we parsed. */
    VirtualMachine attach() {
        return JdwpConnector.attachSocket("127.0.0.1", awaitPort());
    }
}
