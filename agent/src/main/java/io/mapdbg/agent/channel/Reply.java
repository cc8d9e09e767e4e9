package io.mapdbg.agent.channel;

import java.io.ByteArrayOutputStream;
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

    Reply(DataOutputStream socket) {
        this.socket = socket;
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
