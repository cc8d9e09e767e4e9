package io.mapdbg.agent.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;

/**
 * The control channel's door: one thread accepts connections and, without blocking on any of them, waits for
 * each to prove the secret ({@code UTF(MAGIC) UTF(secret)}, exactly so many bytes, nothing more is read). A
 * connection that proves it is handed over to be served on its own thread; one that sends anything else, or not
 * all of it within {@link #PROOF_MILLIS}, is closed. At most {@link #MAX_WAITING} connections wait at a time:
 * the oldest waiting one makes room for a new one, so silent connections cannot lock a real client out, and
 * nothing unauthenticated costs the target more than this thread and a few dozen sockets. A failing accept (no
 * file descriptors left) backs off instead of spinning.
 */
final class Gate implements Runnable {
    static final int MAX_WAITING = 32;
    static final long PROOF_MILLIS = 2000;
    private static final long FIRST_BACKOFF_MILLIS = 10;
    private static final long MAX_BACKOFF_MILLIS = 1000;

    /** Receives each connection that proved the secret, in blocking mode. */
    interface Admission {
        void admit(SocketChannel connection);
    }

    /** A connection that has not proven the secret yet. */
    private static final class Waiting {
        final SocketChannel connection;
        final SelectionKey key;
        final ByteBuffer proof;
        final long deadline;

        Waiting(SocketChannel connection, SelectionKey key, int proofLength, long deadline) {
            this.connection = connection;
            this.key = key;
            this.proof = ByteBuffer.allocate(proofLength);
            this.deadline = deadline;
        }
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final byte[] expected;
    private final Admission admission;
    private final ArrayList<Waiting> waiting = new ArrayList<Waiting>(); // oldest first
    private final ArrayList<SocketChannel> proven = new ArrayList<SocketChannel>();
    private volatile boolean closed;
    private long backoff = FIRST_BACKOFF_MILLIS;
    private long acceptAgainAt;

    private Gate(ServerSocketChannel server, Selector selector, byte[] expected, Admission admission) {
        this.server = server;
        this.selector = selector;
        this.expected = expected;
        this.admission = admission;
    }

    /** A gate on 127.0.0.1, a random port; start it with {@link #run()} on a thread of its own. */
    static Gate open(byte[] expectedProof, Admission admission) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            server.socket().bind(new InetSocketAddress("127.0.0.1", 0), 64);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new Gate(server, selector, expectedProof, admission);
        } catch (IOException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    int port() {
        return server.socket().getLocalPort();
    }

    void close() {
        closed = true;
        selector.wakeup();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                try {
                    turn();
                } catch (Throwable e) {
                    if (closed) {
                        return;
                    }
                    Thread.sleep(10); // a bug of ours, or the selector failing: keep the door, without spinning
                }
            }
        } catch (Throwable e) {
            // interrupted: the application never sees it; the channel stops taking clients
        } finally {
            for (Waiting w : waiting) {
                quietClose(w.connection);
            }
            waiting.clear();
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** One select: accepts, reads proofs, admits, expires. */
    private void turn() throws IOException {
        long now = System.nanoTime() / 1000000L;
        selector.select(waitMillis(now));
        now = System.nanoTime() / 1000000L;
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                accept(now);
            } else if (key.isReadable()) {
                read((Waiting) key.attachment());
            }
        }
        admitProven();
        expire(now);
        if (acceptAgainAt != 0 && now >= acceptAgainAt) {
            acceptAgainAt = 0;
            server.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private long waitMillis(long now) {
        long until = Long.MAX_VALUE;
        if (!waiting.isEmpty()) {
            until = waiting.get(0).deadline;
        }
        if (acceptAgainAt != 0) {
            until = Math.min(until, acceptAgainAt);
        }
        return until == Long.MAX_VALUE ? 0 : Math.max(1, until - now);
    }

    private void accept(long now) {
        SocketChannel connection;
        try {
            connection = server.accept();
        } catch (IOException e) {
            if (closed) {
                return;
            }
            // too many open files, or the like: stop accepting for a while rather than spin on it
            server.keyFor(selector).interestOps(0);
            acceptAgainAt = now + backoff;
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            return;
        }
        if (connection == null) {
            return;
        }
        backoff = FIRST_BACKOFF_MILLIS;
        try {
            if (waiting.size() >= MAX_WAITING) {
                drop(waiting.get(0));
            }
            connection.configureBlocking(false);
            connection.socket().setTcpNoDelay(true);
            SelectionKey key = connection.register(selector, SelectionKey.OP_READ);
            Waiting w = new Waiting(connection, key, expected.length, now + PROOF_MILLIS);
            key.attach(w);
            waiting.add(w);
        } catch (IOException e) {
            quietClose(connection);
        }
    }

    private void read(Waiting w) {
        try {
            int n = w.connection.read(w.proof);
            if (n < 0) {
                drop(w);
                return;
            }
            if (w.proof.hasRemaining()) {
                return;
            }
            waiting.remove(w);
            w.key.cancel();
            if (!MessageDigest.isEqual(w.proof.array(), expected)) {
                quietClose(w.connection);
                return;
            }
            proven.add(w.connection);
        } catch (IOException e) {
            drop(w);
        }
    }

    private void admitProven() throws IOException {
        if (proven.isEmpty()) {
            return;
        }
        selector.selectNow(); // lets the cancelled keys go, so that their connections may block again
        for (SocketChannel connection : proven) {
            try {
                connection.configureBlocking(true);
                admission.admit(connection);
            } catch (Throwable e) {
                quietClose(connection);
            }
        }
        proven.clear();
    }

    private void expire(long now) {
        while (!waiting.isEmpty() && waiting.get(0).deadline <= now) {
            drop(waiting.get(0));
        }
    }

    private void drop(Waiting w) {
        waiting.remove(w);
        w.key.cancel();
        quietClose(w.connection);
    }

    private static void quietClose(SocketChannel connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
