package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.HookedWritesFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who mapdbg trusts before it talks to an agent (issue 16, points 12, 13, 19): the handshake directory and file
 * must be the user's alone, a fake agent's escape sequences never reach the terminal, another user's JVM and a
 * process that is no JVM are refused at once with one line. The handshake directory lives under a temp folder of
 * this test (java.io.tmpdir is switched for each test), never the real one other runs share.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentTrustIT {
    private static final Duration QUICK = Duration.ofSeconds(8);
    private static TargetJvm jvm;
    private static String pid;

    private String savedTmp;
    private Path tmp;
    private Path dir;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.startPlain(List.of(), HookedWritesFixture.class);
        jvm.awaitLine("READY"::equals, Fixtures.START);
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    @BeforeEach
    void ownTmp() throws IOException {
        savedTmp = System.getProperty("java.io.tmpdir");
        tmp = Files.createTempDirectory("mapdbg-trust-");
        System.setProperty("java.io.tmpdir", tmp.toString());
        dir = tmp.resolve("mapdbg-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @AfterEach
    void restoreTmp() throws IOException {
        System.setProperty("java.io.tmpdir", savedTmp);
        try (var walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aHandshakeDirectoryOthersCanEnterIsRefusedAndLeftAlone() throws IOException {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Cli.Ran ran = Cli.run(QUICK, Cli.stdin(""), "maps", pid, "--agent");
        assertRefused(ran, "mode 755");
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written into the refused directory").isEmpty();
        }
    }

    @Test
    void aHandshakeFileOthersCanReadIsRefused() throws IOException {
        privateDir();
        Path file = dir.resolve("agent-" + pid + ".json");
        Files.writeString(file, "{\"pid\":" + pid + ",\"port\":1,\"secret\":\"x\",\"mode\":\"attach\",\"java\":\"17\"}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused(Cli.run(QUICK, Cli.stdin(""), "maps", pid, "--agent"), "mode 644");
    }

    @Test
    void aHandshakeDirectoryOfAnotherUserIsRefused() throws IOException, InterruptedException {
        privateDir();
        Process chown = new ProcessBuilder("chown", "65534", dir.toString()).inheritIO().start();
        assertThat(chown.waitFor(10, TimeUnit.SECONDS)).isTrue();
        if (chown.exitValue() != 0) {
            return; // not root here: chown to another uid is not ours to do (the mode tests still run)
        }
        assertRefused(Cli.run(QUICK, Cli.stdin(""), "maps", pid, "--agent"), "belongs to uid 65534");
    }

    @Test
    void aFakeAgentsEscapeSequencesNeverReachTheTerminal() throws Exception {
        privateDir();
        String evil = "\u001b]0;owned\u0007\u001b[2J\u009b31m\rgone";
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            handshakeFile(fake.getLocalPort());
            Thread agent = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    in.readUTF();
                    in.readUTF();
                    out.writeUTF("ok"); // whatever the secret: a fake does not check it
                    out.flush();
                    byte[] message = evil.getBytes(StandardCharsets.UTF_8);
                    while (true) { // every request (the client's ping first) gets the escape-laden error
                        in.readUTF();
                        for (int n = in.readInt(); n > 0; n--) {
                            in.readUTF();
                            in.readUTF();
                        }
                        out.writeByte('X');
                        out.writeInt(message.length);
                        out.write(message);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the client went away
                }
            }, "fake-agent");
            agent.setDaemon(true);
            agent.start();
            Cli.Ran ran = Cli.run(QUICK, Cli.stdin(""), "maps", pid, "--agent");
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertNoControlCharacters(ran);
            assertThat(ran.err()).contains("\\u001b]0;owned\\u0007");
        }
    }

    @Test
    void aFakeAgentThatNeverAnswersTimesOut() throws Exception {
        privateDir();
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread agent = new Thread(() -> {
                try {
                    while (true) {
                        held.add(fake.accept()); // and never a word
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "silent-agent");
            agent.setDaemon(true);
            agent.start();
            handshakeFile(fake.getLocalPort(), Long.toString(sleeper.pid()));
            long t0 = System.nanoTime();
            Cli.Ran ran = Cli.run(Duration.ofSeconds(20), Cli.stdin(""), "maps", Long.toString(sleeper.pid()), "--agent");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertThat(ms).as("seconds until mapdbg gave up").isLessThan(12_000);
            assertNoControlCharacters(ran);
            assertThat(ran.err().strip().lines()).as(ran.toString()).hasSize(1);
            assertThat(sleeper.isAlive()).as("the process is left alone").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsNoJvmIsRefusedAtOnceAndUntouched() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try {
            long t0 = System.nanoTime();
            Cli.Ran ran = Cli.run(QUICK, Cli.stdin(""), "maps", Long.toString(sleeper.pid()), "--agent");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertThat(ran.err().strip()).as(ran.toString()).contains("is not a Java VM").doesNotContain("\n");
            assertThat(ms).isLessThan(3_000);
            assertThat(sleeper.isAlive()).as("the process is left alone").isTrue();
            Cli.Ran gone = Cli.run(QUICK, Cli.stdin(""), "buckets", "2147483000", "X.Y", "--agent");
            assertThat(gone.exit()).as(gone.toString()).isEqualTo(1);
            assertThat(gone.err().strip()).isEqualTo("mapdbg: no process 2147483000");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aJvmOfAnotherUserGetsNoAgent() throws Exception {
        Path java = TargetJvm.javaHome().resolve("bin").resolve("java");
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "starting a JVM as another user needs root");
        Process other = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "-cp", TargetJvm.classpathOf(HookedWritesFixture.class),
                HookedWritesFixture.class.getName()).redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
            StringBuilder said = new StringBuilder();
            for (String l; (l = lines.readLine()) != null && !l.equals("READY"); ) {
                said.append(l).append('\n');
            }
            assertThat(other.isAlive()).as("the JVM of uid 65534 started: %s", said).isTrue();
            Cli.Ran ran = Cli.run(QUICK, Cli.stdin(""), "maps", Long.toString(other.pid()), "--agent");
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertThat(ran.err().strip()).as(ran.toString()).contains("belongs to uid 65534").doesNotContain("\n");
            // jcmd as root into another uid's JVM is refused now and then while its attach listener starts: asked
            // again (bounded), the JVM answers, and it has no agent
            String props = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!props.contains("java.version") && System.nanoTime() < deadline) {
                Process jcmd = new ProcessBuilder(TargetJvm.javaHome().resolve("bin").resolve("jcmd").toString(),
                        Long.toString(other.pid()), "VM.system_properties").redirectErrorStream(true).start();
                props = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                jcmd.waitFor(20, TimeUnit.SECONDS);
            }
            assertThat(props).as("the JVM answers jcmd").contains("java.version").doesNotContain("mapdbg.agent");
        } finally {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void privateDir() throws IOException {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private void handshakeFile(int port) throws IOException {
        handshakeFile(port, pid);
    }

    private void handshakeFile(int port, String forPid) throws IOException {
        Path file = dir.resolve("agent-" + forPid + ".json");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "{\"pid\":" + forPid + ",\"port\":" + port + ",\"secret\":\"s\",\"mode\":\"attach\",\"java\":\"17\"}\n");
    }

    private static void assertRefused(Cli.Ran ran, String why) {
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(ran.err().strip()).as(ran.toString()).startsWith("mapdbg: refusing ").contains(why).doesNotContain("\n");
        assertThat(ran.out()).isEmpty();
    }

    private static void assertNoControlCharacters(Cli.Ran ran) {
        String all = ran.out() + ran.err();
        assertThat(all.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)).count())
                .as("control characters in %s", ran).isZero();
    }
}
