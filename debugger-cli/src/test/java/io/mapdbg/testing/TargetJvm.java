package io.mapdbg.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target JVM for integration tests: started with JDWP on a loopback ephemeral port (or without JDWP), its
 * output collected line by line, killed on {@link #close()}. Every instance also sits in a registry that
 * {@link KillTargetsAfterAll} and a shutdown hook empty, so a failing test cannot leak a JVM.
 *
 * <pre>
 * try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
 *     jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
 *     ... Target.parse(":" + jvm.jdwpPort()) or new Target.Pid(jvm.pid()) ...
 * }
 * </pre>
 */
public final class TargetJvm implements AutoCloseable {

    public static final String JDWP = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";
    public static final List<String> ADD_OPENS = List.of("--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED");
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");
    private static final Set<TargetJvm> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TargetJvm::killAll, "kill-target-jvms"));
    }

    private final Process process;
    private final boolean jdwp;
    private final List<String> lines = new ArrayList<>(); // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int cursor; // awaitLine consumes lines up to its match; guarded by lock
    private int openStreams = 2; // guarded by lock
    private int port = -1; // the latest Listening line: JDWP listens on a new port after each detach

    private TargetJvm(Process process, boolean jdwp) {
        this.process = process;
        this.jdwp = jdwp;
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
    }

    /** A target with JDWP and the add-opens map decoders need. */
    public static TargetJvm start(Class<?> mainClass, String... args) {
        return start(List.of(), mainClass, args);
    }

    /** As {@link #start(Class, String...)}, with extra JVM options before the main class. */
    public static TargetJvm start(List<String> jvmOptions, Class<?> mainClass, String... args) {
        return launch(true, jvmOptions, mainClass, args);
    }

    /** A JVM started without a JDWP agent: a debugger gets "Not a debuggee" from it. */
    public static TargetJvm startWithoutJdwp(Class<?> mainClass, String... args) {
        return launch(false, List.of(), mainClass, args);
    }

    /** A JVM without JDWP and without the add-opens (the agent must open java.util itself), with these options. */
    public static TargetJvm startPlain(List<String> jvmOptions, Class<?> mainClass, String... args) {
        return launch(false, false, jvmOptions, mainClass, args);
    }

    private static TargetJvm launch(boolean jdwp, List<String> jvmOptions, Class<?> mainClass, String... args) {
        return launch(jdwp, true, jvmOptions, mainClass, args);
    }

    private static TargetJvm launch(boolean jdwp, boolean addOpens, List<String> jvmOptions, Class<?> mainClass,
                                    String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome().resolve("bin").resolve("java").toString());
        if (jdwp) {
            command.add(JDWP);
        }
        if (addOpens) {
            command.addAll(ADD_OPENS);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpathOf(mainClass));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        try {
            TargetJvm jvm = new TargetJvm(new ProcessBuilder(command).start(), jdwp);
            LIVE.add(jvm);
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** $MAPDBG_TARGET_JAVA_HOME when set (to test other JDKs as targets), else the JVM running the tests. */
    public static Path javaHome() {
        String env = System.getenv("MAPDBG_TARGET_JAVA_HOME");
        return Path.of(env != null && !env.isBlank() ? env : System.getProperty("java.home"));
    }

    /** The real classpath entries of these classes: under Surefire/Failsafe java.class.path is a booter jar. */
    public static String classpathOf(Class<?>... classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalArgumentException("no code source for " + c.getName(), e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JDWP port of the latest "Listening for transport" line, waiting for the first one if needed. */
    public int jdwpPort() {
        return awaitPort(-1, START_TIMEOUT);
    }

    /** After a debugger detached, JDWP listens again on a new port: waits for a Listening line with a port other than old. */
    public int awaitNewJdwpPort(int old, Duration timeout) {
        return awaitPort(old, timeout);
    }

    private int awaitPort(int old, Duration timeout) {
        if (!jdwp) {
            throw new IllegalStateException("this target was started without JDWP");
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (port < 0 || port == old) { // does not move the awaitLine cursor
                if (openStreams == 0) {
                    throw new AssertionError("target exited (" + exitText() + ") before listening; output:\n" + tail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("target did not listen within " + timeout + "; output:\n" + tail());
                }
                changed.awaitNanos(left);
            }
            return port;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the JDWP port", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next output line (stdout or stderr, after the last line a previous call matched) that
     * satisfies p, and returns it. Fails with the output so far when the timeout passes or the process ends.
     */
    public String awaitLine(Predicate<String> p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                while (cursor < lines.size()) {
                    String line = lines.get(cursor++);
                    if (p.test(line)) {
                        return line;
                    }
                }
                if (openStreams == 0) {
                    throw new AssertionError("target exited (" + exitText() + ") before the expected line; output:\n" + tail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no expected line from the target within " + timeout + "; output:\n" + tail());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for target output", e);
        } finally {
            lock.unlock();
        }
    }

    /** Every line so far. */
    public List<String> output() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    /** Kills the process (and its children) by PID and waits a bounded time for it to go. */
    @Override
    public void close() {
        LIVE.remove(this);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills every TargetJvm still running in this test JVM. */
    public static void killAll() {
        for (TargetJvm jvm : List.copyOf(LIVE)) {
            jvm.close();
        }
    }

    private String exitText() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    private String tail() {
        int from = Math.max(0, lines.size() - 30);
        return String.join("\n", lines.subList(from, lines.size()));
    }

    private void pump(InputStream in, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lock.lock();
                    try {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port = Integer.parseInt(m.group(1));
                        }
                        lines.add(line);
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (IOException e) {
                // stream closed: the process is gone
            } finally {
                lock.lock();
                try {
                    openStreams--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }, "target-" + process.pid() + "-" + name);
        t.setDaemon(true);
        t.start();
    }
}
