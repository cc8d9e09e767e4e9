package io.mapdbg.session.agent;

import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetExitedException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One authenticated connection to the mapdbg agent's control channel (see the agent's {@code Frames} for the
 * wire format). Calls are serialised; a streaming call holds the connection until its final frame.
 */
public final class AgentClient implements AutoCloseable {
    static final String MAGIC = "mapdbg-agent/1";
    private static final byte DATA = 'D';
    private static final byte END = 'E';
    private static final byte ERROR = 'X';
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final AgentHandshake handshake;

    private AgentClient(Socket socket, AgentHandshake handshake) throws IOException {
        this.socket = socket;
        this.handshake = handshake;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
    }

    /** Connects to 127.0.0.1:port and proves the secret; a wrong secret makes the agent hang up. */
    public static AgentClient connect(AgentHandshake handshake) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", handshake.port()), CONNECT_TIMEOUT_MILLIS);
            AgentClient client = new AgentClient(socket, handshake);
            client.out.writeUTF(MAGIC);
            client.out.writeUTF(handshake.secret());
            client.out.flush();
            String answer = client.in.readUTF();
            if (!answer.equals("ok")) {
                throw new IOException("unexpected answer " + answer);
            }
            return client;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            throw new TargetException("cannot talk to the mapdbg agent of pid " + handshake.pid() + " on port "
                    + handshake.port() + ": " + e, e);
        }
    }

    public AgentHandshake handshake() {
        return handshake;
    }

    public long pid() {
        return handshake.pid();
    }

    /** Sends a request and returns the answer's bytes as a stream to read with DataInput. */
    public synchronized DataInputStream call(String name, Map<String, String> args) {
        FrameCollector sink = new FrameCollector();
        stream(name, args, sink);
        return new DataInputStream(new ByteArrayInputStream(sink.bytes()));
    }

    /**
     * Sends a request and hands every frame of the answer (partial ones, then the last) to frames, on this
     * thread; returns after the last.
     */
    public synchronized void stream(String name, Map<String, String> args, Consumer<byte[]> frames) {
        try {
            out.writeUTF(name);
            out.writeInt(args.size());
            for (Map.Entry<String, String> e : args.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.flush();
            while (true) {
                byte kind = in.readByte();
                int length = in.readInt();
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException();
                }
                if (kind == ERROR) {
                    throw new TargetException(new String(bytes, StandardCharsets.UTF_8));
                }
                frames.accept(bytes);
                if (kind == END) {
                    return;
                }
                if (kind != DATA) {
                    throw new IOException("unknown frame kind " + kind);
                }
            }
        } catch (IOException e) {
            if (!ProcessHandle.of(handshake.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new TargetExitedException("process " + handshake.pid() + " exited", e);
            }
            throw new TargetException("the mapdbg agent of pid " + handshake.pid() + " stopped answering: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Collects all frames of one answer. */
    private static final class FrameCollector implements Consumer<byte[]> {
        private final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();

        @Override
        public void accept(byte[] bytes) {
            all.writeBytes(bytes);
        }

        byte[] bytes() {
            return all.toByteArray();
        }
    }

}
