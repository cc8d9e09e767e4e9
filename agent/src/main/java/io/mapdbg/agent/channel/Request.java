package io.mapdbg.agent.channel;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One request as read from the socket: a name and string arguments. */
public final class Request {
    private final String name;
    private final Map<String, String> args;

    public Request(String name, Map<String, String> args) {
        this.name = name;
        this.args = Collections.unmodifiableMap(new TreeMap<String, String>(args));
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
