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

    static Request readRequest(DataInputStream in, Map<String, String> scratch) throws IOException {
        String name = in.readUTF();
        int n = in.readInt();
        if (n < 0 || n > 1000) {
            throw new IOException("bad request: " + n + " arguments");
        }
        scratch.clear();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            scratch.put(key, in.readUTF());
        }
        return new Request(name, scratch);
    }
}
