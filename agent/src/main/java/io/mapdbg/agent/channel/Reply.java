package io.mapdbg.agent.channel;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The answer to one request. A handler writes into {@link #out()}; the channel sends it as one final frame.
 * A streaming handler (events) calls {@link #flush()} to send what it wrote so far as a partial frame; the
 * client reads partial frames until the final one. flush() throws IOException once the client has gone.
 */
public final class Reply {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(buffer);
    private final DataOutputStream socket;
    private final Closeable connection;

    Reply(DataOutputStream socket, Closeable connection) {
        this.socket = socket;
        this.connection = connection;
    }

    /**
     * Closes the connection this reply goes out on: a stream whose client stopped reading (stopped by Ctrl-Z, say)
     * blocks in its write for ever, and this ends that write with an IOException.
     */
    public void abort() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public DataOutputStream out() {
        return out;
    }

    /** Sends what was written so far as a partial frame (kind 'D'). */
    public void flush() throws IOException {
        out.flush();
        Frames.write(socket, Frames.DATA, buffer.toByteArray());
        buffer.reset();
    }

    void finish() throws IOException {
        out.flush();
        Frames.write(socket, Frames.END, buffer.toByteArray());
        buffer.reset();
    }
}
