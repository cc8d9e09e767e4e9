package io.mapdbg.agent.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.TreeMap;

/**
 * The agent's control channel: a loopback server socket on a random port, usable only by a client that knows
 * the random secret (handed over in a file only the user can read). Each connection is served on its own
 * daemon thread, requests one after the other; handlers are found by request name.
 *
 * <p>Handlers may be registered at any time ({@link #register}); the registry is a copy-on-write array, not a
 * HashMap, so that nothing here runs the map code that hooks may instrument.
 */
public final class ControlChannel {
    private static final int SOCKET_TIMEOUT_MILLIS = 0; // a client may wait for events as long as it likes

    private final ServerSocket server;
    private final String secret;
    private volatile Object[][] handlers = new Object[0][];
    private volatile boolean closed;

    private ControlChannel(ServerSocket server, String secret) {
        this.server = server;
        this.secret = secret;
    }

    /** Opens the server socket on 127.0.0.1 and starts the accept thread. */
    public static ControlChannel open() throws IOException {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1"));
        ControlChannel channel = new ControlChannel(server, hex(randomBytes(24)));
        Thread accept = new Thread(channel::acceptLoop, "mapdbg-agent-accept");
        accept.setDaemon(true);
        accept.start();
        return channel;
    }

    public int port() {
        return server.getLocalPort();
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
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private RequestHandler handler(String name) {
        for (Object[] entry : handlers) {
            if (entry[0].equals(name)) {
                return (RequestHandler) entry[1];
            }
        }
        return null;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                final Socket socket = server.accept();
                Thread serve = new Thread(new Runnable() {
                    @Override
                    public void run() {
                        serve(socket);
                    }
                }, "mapdbg-agent-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (Throwable e) {
                if (closed) {
                    return;
                }
                // a failed accept (too many files...): keep serving the next client
            }
        }
    }

    private void serve(Socket socket) {
        ClientSession session = null;
        try {
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65536));
            if (!authenticated(in, out)) {
                return;
            }
            session = ClientSession.open(); // the lease on what this client arms: ends with the connection
            TreeMap<String, String> scratch = new TreeMap<String, String>();
            while (!closed) {
                Request request;
                try {
                    request = Frames.readRequest(in, scratch);
                } catch (EOFException e) {
                    return;
                }
                answer(request.in(session), out);
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

    private boolean authenticated(DataInputStream in, DataOutputStream out) throws IOException {
        String magic = in.readUTF();
        String offered = in.readUTF();
        byte[] a = offered.getBytes("UTF-8");
        byte[] b = secret.getBytes("UTF-8");
        if (!Frames.MAGIC.equals(magic) || !MessageDigest.isEqual(a, b)) {
            return false;
        }
        out.writeUTF("ok");
        out.flush();
        return true;
    }

    private void answer(Request request, DataOutputStream out) throws IOException {
        RequestHandler handler = handler(request.name());
        if (handler == null) {
            Frames.error(out, "the agent does not serve '" + request.name() + "'");
            return;
        }
        Reply reply = new Reply(out);
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
