package io.mapdbg.agent.boot;

import java.util.Collection;
import java.util.Map;

/**
 * Bounded, safe text of a key or value: a toString that throws, recurses or is huge never reaches the writer.
 * Collections, maps and arrays are shown by class and size, not walked.
 */
public final class SafeText {
    public static final int MAX = 160;

    private SafeText() {
    }

    public static String of(Object o) {
        if (o == null) {
            return "null";
        }
        try {
            String s;
            if (o instanceof String) {
                s = quote((String) o); // as the JDWP path previews a string
            } else if (o instanceof Collection) {
                s = o.getClass().getName() + "(size=" + ((Collection<?>) o).size() + ")";
            } else if (o instanceof Map) {
                s = o.getClass().getName() + "(size=" + ((Map<?, ?>) o).size() + ")";
            } else if (o.getClass().isArray()) {
                s = o.getClass().getComponentType().getName() + "[" + java.lang.reflect.Array.getLength(o) + "]";
            } else {
                s = String.valueOf(o);
            }
            if (s == null) {
                return "null";
            }
            return s.length() > MAX ? s.substring(0, MAX) + "..." : s;
        } catch (Throwable t) {
            return identity(o) + " (toString threw " + t.getClass().getName() + ")";
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 2).append('"');
        for (int i = 0; i < s.length() && b.length() <= MAX; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < ' ') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public static String identity(Object o) {
        return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }
}
