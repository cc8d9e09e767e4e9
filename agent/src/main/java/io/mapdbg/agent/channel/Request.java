package io.mapdbg.agent.channel;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One request as read from the socket: a name and string arguments, and the client session it came in. */
public final class Request {
    private final String name;
    private final Map<String, String> args;
    private final ClientSession session;

    /** A request outside any connection (tests): a session of its own, that nothing ends. */
    public Request(String name, Map<String, String> args) {
        this(name, Collections.unmodifiableMap(new TreeMap<String, String>(args)), null);
    }

    private Request(String name, Map<String, String> args, ClientSession session) {
        this.name = name;
        this.args = args;
        this.session = session;
    }

    /** This request as come in session (the channel tags each request with its connection's session). */
    Request in(ClientSession session) {
        return new Request(name, args, session);
    }

    /** The client session this request came in: what it arms belongs to it (see {@link ClientSession}). */
    public ClientSession session() {
        return session != null ? session : Detached.SESSION;
    }

    private static final class Detached {
        static final ClientSession SESSION = ClientSession.open();
    }

    public String name() {
        return name;
    }

    public Map<String, String> args() {
        return args;
    }

    /** The argument, or fallback when absent. */
    public String arg(String key, String fallback) {
        String value = args.get(key);
        return value == null ? fallback : value;
    }

    /** A required argument. */
    public String arg(String key) {
        String value = args.get(key);
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing argument " + key);
        }
        return value;
    }

    public int intArg(String key, int fallback) {
        String value = args.get(key);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }

    public long longArg(String key, long fallback) {
        String value = args.get(key);
        return value == null ? fallback : Long.parseLong(value.trim());
    }

    public boolean flag(String key) {
        return "true".equals(args.get(key));
    }
}
