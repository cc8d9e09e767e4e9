package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Attaching where JDWP is not free or not JDWP at all: one line and exit 1, quickly, never a hang or an OOM. */
@ExtendWith(KillTargetsAfterAll.class)
class AttachRefusalsIT {
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** One line on err starting "mapdbg:", nothing on out, exit 1; returns the line. */
    private static String oneLineError(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(ran.err().strip()).as(ran.toString()).doesNotContain("\n").startsWith("mapdbg: ")
                .doesNotContain("Exception", "OutOfMemory");
        assertThat(ran.out()).as(ran.toString()).isEmpty();
        return ran.err().strip();
    }

    /** A loopback TCP service that runs peer on every connection it accepts, and keeps the sockets open. */
    private static final class FakePeer implements AutoCloseable {
        interface Behaviour {
            void serve(InputStream in, OutputStream out) throws IOException;
        }

        private final ServerSocket server;
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor;

        FakePeer(Behaviour behaviour) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        behaviour.serve(s.getInputStream(), s.getOutputStream());
                    } catch (IOException e) {
                        // closed by the test, or the client went away
                    }
                }
            }, "fake-peer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    private static void answerHandshake(InputStream in, OutputStream out) throws IOException {
        byte[] hello = in.readNBytes(14);
        assertThat(new String(hello, StandardCharsets.US_ASCII)).isEqualTo("JDWP-Handshake");
        out.write(hello);
        out.flush();
    }

    @Test
    void aServiceThatNeverAnswersTimesOutTheHandshake() throws IOException {
        try (FakePeer silent = new FakePeer((in, out) -> { })) {
            long start = System.nanoTime();
            String line = oneLineError(Cli.run(BOUND, Cli.stdin(""), "maps", silent.address()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(line).contains(silent.address(), "did not answer the JDWP handshake", "not a JDWP endpoint");
        }
    }

    @Test
    void aHugePacketLengthIsRefusedBeforeAnythingIsAllocated() throws IOException {
        try (FakePeer liar = new FakePeer((in, out) -> {
            answerHandshake(in, out);
            out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 1, (byte) 0x80, 0, 0});
            out.flush();
        })) {
            String line = oneLineError(Cli.run(BOUND, Cli.stdin(""), "maps", liar.address()));
            assertThat(line).contains(liar.address(), "2,147,483,647 bytes", "not a JDWP endpoint");
        }
    }

    @Test
    void aPeerSilentAfterTheHandshakeDoesNotHang() throws IOException {
        try (FakePeer mute = new FakePeer(AttachRefusalsIT::answerHandshake)) {
            long start = System.nanoTime();
            String line = oneLineError(Cli.run(BOUND, Cli.stdin(""), "maps", mute.address()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(line).contains(mute.address(), "did not answer");
        }
    }

    @Test
    void aSecondDebuggerIsToldWhoHoldsJdwpWithinThreeSeconds() {
        Fixtures.Started fixture = Fixtures.start(LayoutFixture.class);
        try (PipedRepl first = PipedRepl.attach(fixture.pid(), BOUND)) {
            long start = System.nanoTime();
            String line = oneLineError(Cli.run(BOUND, Cli.stdin(""), "maps", fixture.pid()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(line).contains("another debugger attached over JDWP", "detach", "--agent");
            // the first session is unharmed
            first.send("maps");
            first.awaitOutContaining("HashMap");
        } finally {
            Fixtures.stop(fixture.jvm());
        }
    }
}
