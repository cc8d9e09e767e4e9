package io.mapdbg.agent.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * The wire format of the control channel (shared with the client in debugger-cli, which copies these
 * constants). After connecting, the client sends {@code UTF(MAGIC) UTF(secret)}; the agent answers
 * {@code UTF("ok")} or closes. Then requests: {@code UTF(name) INT(n) n x (UTF(key) UTF(value))}. Each answer is
 * one or more frames {@code BYTE(kind) INT(length) BYTES}: 'D' partial data, 'E' the end, 'X' an error whose
 * bytes are a UTF-8 message.
 */
public final class Frames {
    public static final String MAGIC = "mapdbg-agent/1";
    public static final byte DATA = 'D';
    public static final byte END = 'E';
    public static final byte ERROR = 'X';
    static final int MAX_FRAME = 256 << 20;
    static final int MAX_ARGUMENTS = 64;
    static final int MAX_NAME = 256;
    static final int MAX_REQUEST = 1 << 20;
    private static final Charset UTF8 = Charset.forName("UTF-8");

    private Frames() {
    }

    static void write(DataOutputStream out, byte kind, byte[] bytes) throws IOException {
        synchronized (out) {
            out.writeByte(kind);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
        }
    }

    static void error(DataOutputStream out, String message) throws IOException {
        write(out, ERROR, (message == null ? "error" : message).getBytes(UTF8));
    }

    /** What a client sends to prove it knows the secret: {@code UTF(MAGIC) UTF(secret)}, byte for byte. */
    static byte[] proof(String secret) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(MAGIC);
        out.writeUTF(secret);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Reads one request whose first byte was read already (the wait for it has no timeout, the rest has). Bounded:
     * at most {@link #MAX_ARGUMENTS} arguments and {@link #MAX_REQUEST} bytes in all, names of at most
     * {@link #MAX_NAME} bytes.
     */
    static Request readRequest(int first, DataInputStream in, Map<String, String> scratch) throws IOException {
        int[] budget = {MAX_REQUEST};
        String name = utf((first << 8) | in.readUnsignedByte(), in, MAX_NAME, budget);
        int n = in.readInt();
        if (n < 0 || n > MAX_ARGUMENTS) {
            throw new IOException("bad request: " + n + " arguments");
        }
        scratch.clear();
        for (int i = 0; i < n; i++) {
            String key = utf(in.readUnsignedShort(), in, MAX_NAME, budget);
            scratch.put(key, utf(in.readUnsignedShort(), in, MAX_REQUEST, budget));
        }
        return new Request(name, scratch);
    }

    private static String utf(int length, DataInputStream in, int max, int[] budget) throws IOException {
        budget[0] -= length;
        if (length > max || budget[0] < 0) {
            throw new IOException("bad request: too long");
        }
        byte[] bytes = new byte[2 + length];
        bytes[0] = (byte) (length >> 8);
        bytes[1] = (byte) length;
        in.readFully(bytes, 2, length);
        return DataInputStream.readUTF(new DataInputStream(new java.io.ByteArrayInputStream(bytes)));
    }
}
