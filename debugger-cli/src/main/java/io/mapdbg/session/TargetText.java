package io.mapdbg.session;

/**
 * Text on its way to a terminal may hold strings that came from the target (keys, values, thread and class names,
 * an agent's messages): a control character in them (an escape sequence, a carriage return) would act on the
 * user's terminal. Each is shown as its {@code \\uXXXX} escape instead; newlines and tabs are ours and stay.
 */
public final class TargetText {
    private TargetText() {
    }

    /** s with every control character but newline and tab (and every bidi override) written as {@code \\uXXXX}. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A character that would act on a terminal: C0/C1 controls but newline and tab, and bidi overrides. */
    public static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
