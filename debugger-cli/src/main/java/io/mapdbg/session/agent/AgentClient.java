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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One authenticated connection to the mapdbg agent's control channel (see the agent's {@code Frames} for the
 * wire format). Calls are serialised; a streaming call holds the connection until its final frame.
 * <p>
 * While it is open and idle the connection pings the agent every {@link #PING_MILLIS}, having told it so: the agent
 * drops a pinging client that stays silent for several pings (and with it what the client armed), so that a mapdbg
 * stopped with Ctrl-Z, whose threads all stop, does not keep its hooks in the target.
 */
public final class AgentClient implements AutoCloseable {
    static final String MAGIC = "mapdbg-agent/1";
    private static final byte DATA = 'D';
    private static final byte END = 'E';
    private static final byte ERROR = 'X';
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    /** The longest silence within an answer: a snapshot takes far less. */
    static final int REPLY_TIMEOUT_MILLIS = 60_000;
    /**
     * The longest silence within a stream of events. The agent sends counters twice a second, but a target stopped by
     * JDWP (a breakpoint that suspends all threads, a walk under vm.suspend()) silences it for as long as it stays
     * stopped: a stream waits that long, not for ever.
     */
    static final int STREAM_TIMEOUT_MILLIS = 600_000;
    /** The agent's own bound on a frame (its Frames.MAX_FRAME): a longer length prefix is not an agent's. */
    static final int MAX_FRAME = 256 << 20;
    private static final int CONNECT_ATTEMPTS = 3;
    /** How often an idle connection pings (the system property {@code mapdbg.agent.pingMillis}: tests). */
    static final long PING_MILLIS = Long.getLong("mapdbg.agent.pingMillis", 10_000L);

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final AgentHandshake handshake;
    private final int replyTimeoutMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile ScheduledExecutorService pings; // this connection's pinger: no thread shared by sessions

    private AgentClient(Socket socket, AgentHandshake handshake, int replyTimeoutMillis) throws IOException {
        this.socket = socket;
        this.handshake = handshake;
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
    }

    /** Connects to 127.0.0.1:port and proves the secret; a wrong secret makes the agent hang up. */
    public static AgentClient connect(AgentHandshake handshake) {
        return connect(handshake, REPLY_TIMEOUT_MILLIS);
    }

    /**
     * As {@link #connect(AgentHandshake)}, each read of an answer bounded by replyTimeoutMillis. A hang-up before
     * the agent's "ok" is tried again twice: the agent closes the oldest unauthenticated connection when too many
     * wait (someone flooding its port), and ours may have been that one.
     */
    static AgentClient connect(AgentHandshake handshake, int replyTimeoutMillis) {
        for (int attempt = 1; ; attempt++) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", handshake.port()), CONNECT_TIMEOUT_MILLIS);
                socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
                AgentClient client = new AgentClient(socket, handshake, replyTimeoutMillis);
                client.out.writeUTF(MAGIC);
                client.out.writeUTF(handshake.secret());
                client.out.flush();
                int length = client.in.readUnsignedShort();
                byte[] answer = client.in.readNBytes(Math.min(length, 16));
                if (length != 2 || !new String(answer, StandardCharsets.UTF_8).equals("ok")) {
                    throw new IOException("its answer to the handshake was not 'ok'"); // never echo what it sent
                }
                socket.setSoTimeout(replyTimeoutMillis);
                try {
                    client.startPinging();
                } catch (TargetException e) {
                    socket.close(); // the first ping's answer was not an agent's: nothing more can be read here
                    throw e;
                }
                return client;
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                if (e instanceof EOFException && attempt < CONNECT_ATTEMPTS) {
                    continue;
                }
                String why = e instanceof java.net.SocketTimeoutException
                        ? "no answer within " + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s"
                        : e instanceof EOFException ? "it hung up" : e.getMessage();
                throw new TargetException("cannot talk to the mapdbg agent of pid " + handshake.pid() + " on port "
                        + handshake.port() + ": " + why, e);
            }
        }
    }

    public AgentHandshake handshake() {
        return handshake;
    }

    public long pid() {
        return handshake.pid();
    }

    /** Sends a request and returns the answer's bytes as a stream to read with DataInput. */
    public DataInputStream call(String name, Map<String, String> args) {
        FrameCollector sink = new FrameCollector();
        lock.lock();
        try {
            exchange(name, args, sink, replyTimeoutMillis);
        } finally {
            lock.unlock();
        }
        return new DataInputStream(new ByteArrayInputStream(sink.bytes()));
    }

    /**
     * Sends a request and hands every frame of the answer (partial ones, then the last) to frames, on this
     * thread; returns after the last. For streams of events: a read may wait up to {@link #STREAM_TIMEOUT_MILLIS}.
     */
    public void stream(String name, Map<String, String> args, Consumer<byte[]> frames) {
        lock.lock();
        try {
            exchange(name, args, frames, Math.max(replyTimeoutMillis, STREAM_TIMEOUT_MILLIS));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the agent this connection pings (a first ping, answered before connect returns), then pings whenever the
     * connection was idle for a ping's interval. An agent that does not know pings (an older one, loaded before) is
     * left alone: it never drops an idle client.
     */
    private void startPinging() {
        if (PING_MILLIS <= 0) {
            return;
        }
        try {
            exchange("ping", Map.of("every", Long.toString(PING_MILLIS)), bytes -> { },
                    Math.min(replyTimeoutMillis, HANDSHAKE_TIMEOUT_MILLIS));
        } catch (Refused e) {
            return; // an agent that does not know pings
        }
        pings = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mapdbg-agent-ping");
            t.setDaemon(true);
            return t;
        });
        pings.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastUsedNanos >= TimeUnit.MILLISECONDS.toNanos(PING_MILLIS) / 2 && lock.tryLock()) {
                try {
                    ping(); // a failure shows at the next real call
                } finally {
                    lock.unlock();
                }
            }
        }, PING_MILLIS, PING_MILLIS, TimeUnit.MILLISECONDS);
    }

    private boolean ping() {
        try {
            exchange("ping", Map.of("every", Long.toString(PING_MILLIS)), bytes -> { }, HANDSHAKE_TIMEOUT_MILLIS);
            return true;
        } catch (TargetException e) {
            return false;
        }
    }

    private void exchange(String name, Map<String, String> args, Consumer<byte[]> frames, int timeoutMillis) {
        lastUsedNanos = System.nanoTime();
        try {
            socket.setSoTimeout(timeoutMillis);
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
                if (length < 0 || length > MAX_FRAME) {
                    throw new IOException("a frame of " + Integer.toUnsignedString(length) + " bytes");
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException();
                }
                if (kind == ERROR) {
                    throw new Refused(new String(bytes, StandardCharsets.UTF_8));
                }
                frames.accept(bytes);
                if (kind == END) {
                    return;
                }
                if (kind != DATA) {
                    throw new IOException("unknown frame kind " + kind);
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new TargetException("the mapdbg agent of pid " + handshake.pid() + " sent nothing for "
                    + timeoutMillis / 1000 + " s", e);
        } catch (IOException e) {
            if (!ProcessHandle.of(handshake.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new TargetExitedException("process " + handshake.pid() + " exited", e);
            }
            String dropped = pings == null ? "" : " (the agent drops a client that stops pinging, and what it"
                    + " armed: was mapdbg stopped, by Ctrl-Z say?)";
            throw new TargetException("the mapdbg agent of pid " + handshake.pid() + " stopped answering: " + e
                    + dropped, e);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService p = pings;
        if (p != null) {
            p.shutdown(); // a ping under way ends; no other starts
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The agent answered with an error (its message): the connection itself is fine. */
    static final class Refused extends TargetException {
        Refused(String message) {
            super(message);
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
