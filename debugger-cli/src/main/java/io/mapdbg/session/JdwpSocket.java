package io.mapdbg.session;

import com.sun.jdi.connect.spi.ClosedConnectionException;
import com.sun.jdi.connect.spi.Connection;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JDWP socket connection that cannot hang or exhaust mapdbg: connect, handshake and the first reply are timed
 * out, and a packet longer than {@link #MAX_PACKET} is refused before anything is allocated for it. JDI's own
 * socket transport waits on the handshake forever and allocates whatever length a peer announces.
 */
final class JdwpSocket extends Connection {

    /** Larger than any reply mapdbg asks for (tables are read in chunks of 16,384 slots). */
    static final int MAX_PACKET = 64 << 20;
    private static final byte[] HELLO = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 11;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String where;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile boolean closed;
    /** Why the connection broke on our side (a refused packet, a timeout), for the one line the user sees. */
    private volatile String failure;

    private JdwpSocket(Socket socket, String where) throws IOException {
        this.socket = socket;
        this.where = where;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and handshakes, both within {@code timeoutMillis}; the read timeout stays on until {@link #attached()}
     * so that a peer that handshakes and then says nothing cannot hang JDI's first request either.
     */
    static JdwpSocket open(String host, int port, int timeoutMillis) throws IOException {
        String where = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            JdwpSocket connection = new JdwpSocket(socket, where);
            connection.handshake();
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake() throws IOException {
        out.write(HELLO);
        out.flush();
        byte[] reply = new byte[HELLO.length];
        int got = 0;
        try {
            while (got < reply.length) {
                int n = in.read(reply, got, reply.length - got);
                if (n < 0) {
                    throw new HandshakeException(where + " closed the connection during the JDWP handshake: not a JDWP endpoint, or a debugger is already attached");
                }
                got += n;
            }
        } catch (SocketTimeoutException e) {
            throw new HandshakeException(where + " accepted the connection but did not answer the JDWP handshake within "
                    + socket.getSoTimeout() / 1000 + " s: not a JDWP endpoint");
        }
        if (!Arrays.equals(reply, HELLO)) {
            throw new HandshakeException(where + " answered the JDWP handshake with something else: not a JDWP endpoint");
        }
    }

    /** JDI's first exchange is done: replies may now take as long as the target needs. */
    void attached() throws IOException {
        socket.setSoTimeout(0);
    }

    /** Why the connection failed on our side, or null. */
    String failure() {
        return failure;
    }

    @Override
    public byte[] readPacket() throws IOException {
        if (closed) {
            throw new ClosedConnectionException("connection is closed");
        }
        synchronized (readLock) {
            try {
                int b1 = in.read();
                if (b1 < 0) {
                    return new byte[0]; // EOF: JDI reads this as the target going away
                }
                int length = (b1 << 24) | (readByte() << 16) | (readByte() << 8) | readByte();
                if (length < HEADER || length > MAX_PACKET) {
                    throw fail(String.format("%s sent a JDWP packet of %,d bytes (allowed: %d to %,d): not a JDWP endpoint mapdbg can trust",
                            where, Integer.toUnsignedLong(length), HEADER, MAX_PACKET));
                }
                byte[] packet = new byte[length];
                packet[0] = (byte) b1;
                packet[1] = (byte) (length >>> 16);
                packet[2] = (byte) (length >>> 8);
                packet[3] = (byte) length;
                int off = 4;
                while (off < length) {
                    int n = in.read(packet, off, length - off);
                    if (n < 0) {
                        throw new EOFException("protocol error - premature EOF");
                    }
                    off += n;
                }
                return packet;
            } catch (SocketTimeoutException e) {
                throw fail(where + " completed the JDWP handshake but did not answer within "
                        + socket.getSoTimeout() / 1000 + " s: not a JDWP endpoint");
            } catch (IOException e) {
                if (closed) {
                    throw new ClosedConnectionException("connection is closed");
                }
                throw e;
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("protocol error - premature EOF");
        }
        return b;
    }

    private IOException fail(String why) {
        failure = why;
        return new IOException(why);
    }

    @Override
    public void writePacket(byte[] packet) throws IOException {
        if (closed) {
            throw new ClosedConnectionException("connection is closed");
        }
        int length = ((packet[0] & 0xff) << 24) | ((packet[1] & 0xff) << 16) | ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        if (length < HEADER || length > packet.length) {
            throw new IllegalArgumentException("bad JDWP packet length " + length);
        }
        synchronized (writeLock) {
            try {
                out.write(packet, 0, length);
                out.flush();
            } catch (IOException e) {
                if (closed) {
                    throw new ClosedConnectionException("connection is closed");
                }
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** The peer is not a JDWP agent (or not a free one). */
    static final class HandshakeException extends IOException {
        HandshakeException(String message) {
            super(message);
        }
    }
}
