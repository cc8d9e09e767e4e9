package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;

/**
 * Bounded previews of keys and values, in the same form the JDWP path prints: strings quoted with escapes, boxed
 * values as their value, enums by name, else the first fields ({@code OrderKey{merchant="acme", seq=17}}) or
 * {@code Class@id}. No code of the application runs: no toString(), only field reads.
 */
public final class Preview {
    private static final int PREVIEW_FIELDS = 4;
    private static final int PREVIEW_FIELD_CHARS = 40;

    private Preview() {
    }

    /** What a LayoutTally-like caller shows for a key/value: marks first (null, cleared), then the preview, cut. */
    public static String of(Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Mark) {
            return ((Mark) value).text;
        }
        String text;
        try {
            text = cut(full(value), maxChars);
        } catch (Throwable e) {
            text = "(unreadable)";
        }
        return maxChars > 0 && text.length() > maxChars ? text.substring(0, maxChars) : text;
    }

    /** Keys that are not the user's objects. */
    enum Mark {
        NULL("null"), CLEARED("(cleared)");

        final String text;

        Mark(String text) {
            this.text = text;
        }
    }

    private static String full(Object o) {
        if (o instanceof String) {
            return quote((String) o);
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            Class<?> component = c.getComponentType();
            int dims = 0;
            while (component.isArray()) {
                component = component.getComponentType();
                dims++;
            }
            StringBuilder s = new StringBuilder(simpleName(component.getName())).append('[')
                    .append(java.lang.reflect.Array.getLength(o)).append(']');
            for (int i = 0; i < dims; i++) {
                s.append("[]");
            }
            return s.toString();
        }
        if (o instanceof Class) {
            return ((Class<?>) o).getName();
        }
        if (o instanceof Character) {
            return "'" + escape(String.valueOf(o)) + "'";
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                || o instanceof Double || o instanceof Float || o instanceof Boolean) {
            return String.valueOf(o);
        }
        if (o instanceof Enum) {
            return ((Enum<?>) o).name();
        }
        if (c == BigDecimal.class && ((BigDecimal) o).precision() <= 18) {
            return ((BigDecimal) o).toPlainString();
        }
        return fields(o, c);
    }

    private static String fields(Object o, Class<?> c) {
        StringBuilder out = new StringBuilder(simpleName(c.getName())).append('{');
        int shown = 0;
        for (Class<?> k = c; k != null && k != Object.class && shown < PREVIEW_FIELDS; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (shown >= PREVIEW_FIELDS) {
                    break;
                }
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                Object v;
                try {
                    f.setAccessible(true);
                    v = f.get(o);
                } catch (Throwable e) {
                    continue; // a field of a closed module: leave it out
                }
                out.append(shown == 0 ? "" : ", ").append(f.getName()).append('=');
                if (v == null) {
                    out.append("null");
                } else if (f.getType().isPrimitive()) {
                    out.append(v);
                } else if (v instanceof String) {
                    out.append(cut(quote((String) v), PREVIEW_FIELD_CHARS));
                } else {
                    out.append(simpleName(v.getClass().getName())).append('@').append(ObjectIds.get().idOf(v));
                }
                shown++;
            }
        }
        if (shown == 0) {
            return simpleName(c.getName()) + "@" + ObjectIds.get().idOf(o);
        }
        return out.append('}').toString();
    }

    static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 4096) + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }

    /** At most maxChars characters; a cut string keeps its closing quote so it still reads as a string. */
    static String cut(String s, int maxChars) {
        int max = Math.max(maxChars, 4);
        if (s.length() <= max) {
            return s;
        }
        boolean quoted = s.length() > 1 && s.startsWith("\"") && s.endsWith("\"");
        return quoted ? s.substring(0, max - 2) + "\u2026\"" : s.substring(0, max - 1) + "\u2026";
    }
}
