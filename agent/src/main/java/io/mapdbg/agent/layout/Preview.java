package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.layouts.PreviewText;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;

/**
 * Bounded previews of keys and values over live objects, in the words of the layouts module's
 * {@link PreviewText} (which the JDWP path uses too): strings quoted with escapes, boxed values as their value,
 * enums by name, else the first fields ({@code OrderKey{merchant="acme", seq=17}}) or {@code Class@id}. No code
 * of the application runs: no toString(), only field reads.
 */
public final class Preview {

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
            text = PreviewText.cut(full(value), maxChars);
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
            return PreviewText.quote((String) o);
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            Class<?> component = c.getComponentType();
            int dims = 0;
            while (component.isArray()) {
                component = component.getComponentType();
                dims++;
            }
            return PreviewText.array(component.getName(), java.lang.reflect.Array.getLength(o), dims);
        }
        if (o instanceof Class) {
            return ((Class<?>) o).getName();
        }
        if (o instanceof Character) {
            return PreviewText.character((Character) o);
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
        PreviewText.FieldList out = new PreviewText.FieldList(c.getName());
        for (Class<?> k = c; k != null && k != Object.class && !out.full(); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (out.full()) {
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
                if (v == null) {
                    out.nullField(f.getName());
                } else if (f.getType().isPrimitive()) {
                    out.primitive(f.getName(), v);
                } else if (v instanceof String) {
                    out.string(f.getName(), (String) v);
                } else {
                    out.object(f.getName(), v.getClass().getName(), ObjectIds.get().idOf(v));
                }
            }
        }
        return out.isEmpty() ? PreviewText.identity(c.getName(), ObjectIds.get().idOf(o)) : out.text();
    }
}
