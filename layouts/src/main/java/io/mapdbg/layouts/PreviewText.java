package io.mapdbg.layouts;

/**
 * How a key or value is shown, in the same text by both paths (the CLI over JDWP, the agent over live objects),
 * from what each reads by field reads only: strings quoted with escapes, characters in single quotes, arrays as
 * {@code int[3]}, else the first few fields ({@code OrderKey{merchant="acme", seq=17}}) or {@code Class@id}.
 * Which rule applies (box, enum, BigDecimal...) each side decides from its own reads; the words are made here.
 */
public final class PreviewText {
    /** At most this many instance fields in a fields preview. */
    public static final int FIELDS = 4;
    /** A string field inside a fields preview is cut to this many characters. */
    public static final int FIELD_CHARS = 40;

    private PreviewText() {
    }

    /** The name after the last dot of a binary name ({@code Outer$Inner} keeps its $). */
    public static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    public static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    /** A char in single quotes, escaped like a string's. */
    public static String character(char c) {
        return "'" + escape(String.valueOf(c)) + "'";
    }

    /** An object shown by class and id only. */
    public static String identity(String className, long id) {
        return simpleName(className) + "@" + id;
    }

    /** An array by its innermost component's binary name, its length and how many more dimensions it has. */
    public static String array(String innermostComponent, int length, int moreDimensions) {
        StringBuilder s = new StringBuilder(simpleName(innermostComponent)).append('[').append(length).append(']');
        for (int i = 0; i < moreDimensions; i++) {
            s.append("[]");
        }
        return s.toString();
    }

    public static String escape(String s) {
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

    /** At most maxChars characters (4 at least); a cut string keeps its closing quote so it still reads as a string. */
    public static String cut(String s, int maxChars) {
        int max = Math.max(maxChars, 4);
        if (s.length() <= max) {
            return s;
        }
        boolean quoted = s.length() > 1 && s.startsWith("\"") && s.endsWith("\"");
        return quoted ? s.substring(0, max - 2) + "\u2026\"" : s.substring(0, max - 1) + "\u2026";
    }

    /**
     * A fields preview, {@code OrderKey{merchant="acme", seq=17}}, built one field at a time in declaration order
     * (at most {@link #FIELDS}: see {@link #full}); with none, the caller shows {@link #identity}.
     */
    public static final class FieldList {
        private final StringBuilder out;
        private int shown;

        public FieldList(String className) {
            this.out = new StringBuilder(simpleName(className)).append('{');
        }

        /** Whether FIELDS fields are shown already. */
        public boolean full() {
            return shown >= FIELDS;
        }

        /** A field holding null. */
        public void nullField(String name) {
            start(name).append("null");
        }

        /** A primitive field, as its value prints. */
        public void primitive(String name, Object value) {
            start(name).append(value);
        }

        /** A String field, quoted and cut to FIELD_CHARS. */
        public void string(String name, String value) {
            start(name).append(cut(quote(value), FIELD_CHARS));
        }

        /** Any other reference: its class and id. */
        public void object(String name, String valueClass, long valueId) {
            start(name).append(simpleName(valueClass)).append('@').append(valueId);
        }

        private StringBuilder start(String name) {
            out.append(shown == 0 ? "" : ", ").append(name).append('=');
            shown++;
            return out;
        }

        /** Whether no field is shown yet (the object then reads as {@link #identity}). */
        public boolean isEmpty() {
            return shown == 0;
        }

        /** The preview of the fields shown. */
        public String text() {
            return out.toString() + '}';
        }
    }
}
