package io.mapdbg.session.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.session.TargetException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The client's side against fake agents (a ServerSocket here): every read is timed out, no length is trusted. */
class AgentClientTest {

    /** A fake agent that serves one connection with script, on its own thread. */
    private static ServerSocket fake(BiConsumer<DataInputStream, DataOutputStream> script) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                script.accept(new DataInputStream(s.getInputStream()), new DataOutputStream(s.getOutputStream()));
                while (s.getInputStream().read() >= 0) { // until the client hangs up
                }
            } catch (IOException e) {
                // the client went away
            }
        }, "fake-agent");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static AgentHandshake handshake(ServerSocket server) {
        return new AgentHandshake(ProcessHandle.current().pid(), server.getLocalPort(), "s", "attach", "17", null);
    }

    private static void ok(DataInputStream in, DataOutputStream out) {
        try {
            in.readUTF();
            in.readUTF();
            out.writeUTF("ok");
            out.flush();
            in.readUTF(); // the request's name
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAgentThatNeverAnswersTheHandshakeTimesOut() throws IOException {
        try (ServerSocket server = fake((in, out) -> { })) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> AgentClient.connect(handshake(server)))
                    .isInstanceOf(TargetException.class).hasMessageContaining("no answer within 5 s");
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(4_000L, 9_000L);
        }
    }

    @Test
    void anAnswerOtherThanOkIsNeitherTrustedNorEchoed() throws IOException {
        try (ServerSocket server = fake((in, out) -> {
            try {
                out.writeUTF("\u001b[2Jok");
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            assertThatThrownBy(() -> AgentClient.connect(handshake(server)))
                    .isInstanceOf(TargetException.class).hasMessageContaining("was not 'ok'")
                    .hasMessageNotContaining("\u001b");
        }
    }

    @Test
    void anAgentSilentAfterTheHandshakeTimesOutEachRead() throws IOException {
        try (ServerSocket server = fake(AgentClientTest::ok)) {
            long t0 = System.nanoTime();
            // the first request is connect's own ping
            assertThatThrownBy(() -> AgentClient.connect(handshake(server), 1_000).call("maps", Map.of()))
                    .isInstanceOf(TargetException.class).hasMessageContaining("sent nothing for 1 s");
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(900L, 5_000L);
        }
    }

    @Test
    void aTwoGigabyteFrameIsRefusedWithoutWaitingForIt() throws IOException {
        try (ServerSocket server = fake((in, out) -> {
            ok(in, out);
            try {
                out.writeByte('D');
                out.writeInt(Integer.MAX_VALUE);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ) {
            long t0 = System.nanoTime();
            // the first request (connect's ping) gets the huge frame: refused there, the socket closed
            assertThatThrownBy(() -> AgentClient.connect(handshake(server), 30_000).call("maps", Map.of()))
                    .isInstanceOf(TargetException.class).hasMessageContaining("a frame of 2147483647 bytes");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
        }
    }
}
