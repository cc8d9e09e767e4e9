package io.mapdbg.cli;

import io.mapdbg.model.BlockedReport;
import io.mapdbg.frontend.Output;
import io.mapdbg.backend.agent.AgentThreads;
import io.mapdbg.session.agent.AgentLoader;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * The launcher's class-data-sharing training run ({@code -Dmapdbg.cdsTraining=true}, after {@code help buckets
 * --json}): loads (not initialises) every mapdbg class and the classes of the JDK modules the JDWP path uses, and
 * runs, without a target, what a one-shot {@code threads <pid> --blocked [--json]} through the agent runs (the
 * quick parser, the agent's handshake lookup, a loopback socket, the reply's decoding, the report and both
 * renderings), so that the archive maps them instead of the client loading and verifying them on every run. Lambdas
 * are archived only where they ran, and picocli's Java 5 class files not at all. Prints nothing.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    static void run() {
        loadClasses();
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        try {
            QuickBlocked.Words words = QuickBlocked.parse("threads", List.of("1", "--blocked", "--json"));
            AgentLoader.running(ProcessHandle.current().pid()); // no handshake file: empty
            byte[] reply = reply();
            loopback(reply);
            BlockedReport report = AgentThreads.report(reply, words.options());
            Output output = new Output(none, none, null);
            output.print(report, true);
            output.print(report, false);
        } catch (IOException | RuntimeException e) {
            // a training run: whatever it did load is archived
        }
    }

    /** Modules whose classes the JDWP path loads (JDI, the Attach API, jvmstat to find a PID's JVM). */
    private static final String[] MODULES = {"jdk.jdi", "jdk.attach", "jdk.internal.jvmstat"};

    /**
     * Loads, without initialising, mapdbg's own classes and those of the JDK modules the JDWP path uses, so that
     * the archive holds them for every command (the JDWP path loaded ~850 classes from outside the archive).
     */
    private static void loadClasses() {
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try {
            java.net.URL jar = CdsTraining.class.getProtectionDomain().getCodeSource().getLocation();
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(new java.io.File(jar.toURI()))) {
                for (var e = file.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith("io/mapdbg/") && name.endsWith(".class")) {
                        load(name, loader);
                    }
                }
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            // not run from a jar (tests): nothing to archive
        }
        try {
            java.nio.file.FileSystem jrt = java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"));
            for (String module : MODULES) {
                java.nio.file.Path root = jrt.getPath("/modules", module);
                try (var files = java.nio.file.Files.walk(root)) {
                    for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                        String name = root.relativize(f).toString();
                        if (name.endsWith(".class") && !name.equals("module-info.class")) {
                            load(name, loader);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a JDK without these modules or without jrt: the JDWP path says so when used
        }
    }

    private static void load(String classFile, ClassLoader loader) {
        String name = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        try {
            Class.forName(name, false, loader);
        } catch (Throwable e) {
            // not loadable here (a missing optional dependency): left out of the archive
        }
    }

    /** The reply bytes across a loopback socket, as the agent client reads them. */
    private static void loopback(byte[] reply) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            client.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(accepted.getOutputStream()));
            out.writeInt(reply.length);
            out.write(reply);
            out.flush();
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(client.getInputStream()));
            in.readNBytes(in.readInt());
        }
    }

    /** A {@code threads blocked=true} reply: an owner, two waiters on a map's bin, an idle worker, a latch waiter. */
    static byte[] reply() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(1_000_000);
        out.writeInt(5);
        thread(out, 1, "holder", "WAITING", "java.util.concurrent.CountDownLatch", "await", "com.acme.Cache", "load");
        thread(out, 2, "writer-1", "BLOCKED", "java.util.concurrent.ConcurrentHashMap", "putVal", "com.acme.Cache", "put");
        thread(out, 3, "writer-2", "BLOCKED", "java.util.concurrent.ConcurrentHashMap", "putVal", "com.acme.Cache", "put");
        thread(out, 4, "pool-1-thread-1", "WAITING", "java.util.concurrent.LinkedBlockingQueue", "take",
                "java.util.concurrent.ThreadPoolExecutor", "getTask");
        thread(out, 5, "settle", "WAITING", "java.util.concurrent.locks.LockSupport", "park", "com.acme.Orders", "settle");
        out.writeInt(5);
        for (long waiter = 2; waiter <= 3; waiter++) {
            wait(out, waiter, "monitor", "java.util.concurrent.ConcurrentHashMap$ReservationNode", 7, null, 1, true);
        }
        wait(out, 4, "other", "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", 8, null, -1, false);
        wait(out, 5, "synchronizer", "java.util.concurrent.CountDownLatch$Sync", 9, "CountDownLatch count 1", -1, false);
        wait(out, 1, "synchronizer", "java.util.concurrent.CountDownLatch$Sync", 10, "CountDownLatch count 1", -1, false);
        out.flush();
        return bytes.toByteArray();
    }

    private static void thread(DataOutputStream out, long id, String name, String state, String cls0, String method0,
                               String cls1, String method1) throws IOException {
        out.writeLong(id);
        out.writeUTF(name);
        out.writeUTF(state);
        out.writeBoolean(false);
        out.writeInt(2);
        out.writeInt(2);
        for (String[] f : new String[][] {{cls0, method0}, {cls1, method1}}) {
            out.writeUTF(f[0]);
            out.writeUTF(f[1]);
            out.writeBoolean(true);
            out.writeUTF(f[0].substring(f[0].lastIndexOf('.') + 1) + ".java");
            out.writeInt(42);
            out.writeBoolean(false);
        }
    }

    private static void wait(DataOutputStream out, long thread, String kind, String cls, long lockId, String detail,
                             long owner, boolean map) throws IOException {
        out.writeLong(thread);
        out.writeUTF(kind);
        out.writeUTF(cls);
        out.writeUTF(cls + "@" + Long.toHexString(lockId));
        out.writeLong(lockId);
        out.writeBoolean(detail != null);
        if (detail != null) {
            out.writeUTF(detail);
        }
        out.writeLong(owner);
        out.writeBoolean(map);
        if (map) {
            out.writeLong(11);
            out.writeUTF("java.util.concurrent.ConcurrentHashMap");
            out.writeBoolean(true);
            out.writeUTF("com.acme.Cache.BY_ID");
            out.writeInt(3);
            out.writeBoolean(false);
        }
    }
}
