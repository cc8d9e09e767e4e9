package io.mapdbg.agent.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.TreeMap;

/**
 * The agent's control channel: a loopback server socket on a random port, usable only by a client that knows
 * the random secret (handed over in a file only the user can read). The {@link Gate} lets a connection in once it
 * proved the secret; each such connection is served on its own daemon thread, requests one after the other;
 * handlers are found by request name.
 *
 * <p>Handlers may be registered at any time ({@link #register}); the registry is a copy-on-write array, not a
 * HashMap, so that nothing here runs the map code that hooks may instrument.
 */
public final class ControlChannel {
    /**
     * A client that says it pings ({@code ping every=MS}) is dropped, its session closed, when it stays silent for
     * {@link #MISSED_PINGS} of its pings between requests: a mapdbg stopped with Ctrl-Z must not keep its hooks armed
     * in the target. A client that never pings may be idle as long as it likes.
     */
    static final int MISSED_PINGS = 4;
    /**
     * How long a connection may wait before its first request (a client sends one at once: a ping, or its stream's
     * request); a mapdbg stopped between its handshake and its first ping is dropped after this.
     */
    static final int FIRST_REQUEST_MILLIS = 5000;
    private static final int MIN_IDLE_MILLIS = 2000;
    private static final int MAX_IDLE_MILLIS = 600000;
    private static final int REQUEST_TIMEOUT_MILLIS = 10000; // a request that started is sent whole, at once

    private final Gate gate;
    private final String secret;
    private volatile Object[][] handlers = new Object[0][];
    private volatile boolean closed;

    private ControlChannel(Gate gate, String secret) {
        this.gate = gate;
        this.secret = secret;
    }

    /** Opens the channel on 127.0.0.1 and starts its gate thread (accepts, and checks the secret). */
    public static ControlChannel open() throws IOException {
        final String secret = hex(randomBytes(24));
        final ControlChannel[] channel = new ControlChannel[1];
        Gate gate = Gate.open(Frames.proof(secret), new Gate.Admission() {
            @Override
            public void admit(SocketChannel connection) {
                channel[0].admit(connection);
            }
        });
        channel[0] = new ControlChannel(gate, secret);
        Thread accept = new Thread(gate, "mapdbg-agent-accept");
        accept.setDaemon(true);
        accept.start();
        return channel[0];
    }

    public int port() {
        return gate.port();
    }

    public String secret() {
        return secret;
    }

    /** Adds (or replaces) the handler of a request name. */
    public synchronized void register(String name, RequestHandler handler) {
        Object[][] current = handlers;
        for (int i = 0; i < current.length; i++) {
            if (current[i][0].equals(name)) {
                Object[][] copy = current.clone();
                copy[i] = new Object[] {name, handler};
                handlers = copy;
                return;
            }
        }
        Object[][] copy = new Object[current.length + 1][];
        System.arraycopy(current, 0, copy, 0, current.length);
        copy[current.length] = new Object[] {name, handler};
        handlers = copy;
    }

    /** Names of the requests served, in registration order. */
    public String[] requestNames() {
        Object[][] current = handlers;
        String[] names = new String[current.length];
        for (int i = 0; i < current.length; i++) {
            names[i] = (String) current[i][0];
        }
        return names;
    }

    public void close() {
        closed = true;
        gate.close();
    }

    private RequestHandler handler(String name) {
        for (Object[] entry : handlers) {
            if (entry[0].equals(name)) {
                return (RequestHandler) entry[1];
            }
        }
        return null;
    }

    /** A connection that proved the secret (see {@link Gate}): served on its own daemon thread. */
    private void admit(final SocketChannel connection) {
        Thread serve = new Thread(new Runnable() {
            @Override
            public void run() {
                serve(connection.socket());
            }
        }, "mapdbg-agent-connection");
        serve.setDaemon(true);
        serve.start();
    }

    private void serve(Socket socket) {
        ClientSession session = null;
        try {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65536));
            welcome(out);
            session = ClientSession.open(); // the lease on what this client arms: ends with the connection
            TreeMap<String, String> scratch = new TreeMap<String, String>();
            int idleMillis = 0;
            boolean first = true;
            while (!closed) {
                socket.setSoTimeout(first ? FIRST_REQUEST_MILLIS : idleMillis);
                first = false;
                int head = in.read();
                if (head < 0) {
                    return;
                }
                socket.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
                Request request;
                try {
                    request = Frames.readRequest(head, in, scratch);
                } catch (EOFException e) {
                    return;
                }
                if ("ping".equals(request.name())) {
                    idleMillis = idleMillis(request.intArg("every", 0));
                    Frames.write(out, Frames.END, new byte[0]);
                    continue;
                }
                answer(request.in(session), out, socket);
            }
        } catch (Throwable e) {
            // the client went away, or a bug of ours: the application never sees it
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            if (session != null) {
                session.close(); // however the connection ended: disarm what this client armed
            }
        }
    }

    /** How long a client that pings every everyMillis may stay silent between requests (0: for ever). */
    static int idleMillis(int everyMillis) {
        if (everyMillis <= 0) {
            return 0;
        }
        long idle = (long) everyMillis * MISSED_PINGS;
        return (int) Math.max(MIN_IDLE_MILLIS, Math.min(MAX_IDLE_MILLIS, idle));
    }

    /** The gate checked the secret already; the client waits for this word before its first request. */
    private static void welcome(DataOutputStream out) throws IOException {
        out.writeUTF("ok");
        out.flush();
    }

    private void answer(Request request, DataOutputStream out, Socket socket) throws IOException {
        RequestHandler handler = handler(request.name());
        if (handler == null) {
            Frames.error(out, "the agent does not serve '" + request.name() + "'");
            return;
        }
        Reply reply = new Reply(out, socket);
        ClientSession.serving(request.session()); // what the handler caches goes with this client's session
        try {
            handler.handle(request, reply);
        } catch (IOException e) {
            throw e; // the socket: nobody left to answer
        } catch (Throwable e) {
            String message = e.getMessage() != null && !(e instanceof NullPointerException) ? e.getMessage() : e.toString();
            Frames.error(out, request.name() + ": " + message);
            return;
        } finally {
            ClientSession.serving(null);
        }
        reply.finish();
    }

    /** From /dev/urandom where there is one (a SecureRandom's first use loads providers: slow in a busy JVM). */
    static byte[] randomBytes(int n) {
        byte[] random = new byte[n];
        java.io.File urandom = new java.io.File("/dev/urandom");
        if (urandom.canRead()) {
            java.io.DataInputStream in = null;
            try {
                in = new java.io.DataInputStream(new java.io.FileInputStream(urandom));
                in.readFully(random);
                return random;
            } catch (IOException e) {
                // fall back below
            } finally {
                if (in != null) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // read already
                    }
                }
            }
        }
        new SecureRandom().nextBytes(random);
        return random;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
