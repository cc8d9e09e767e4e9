package io.mapdbg.command;

import io.mapdbg.session.TargetText;

/**
 * User input as it may be echoed in a one-line message: control and other non-printing characters escaped
 * (\u001b, never a raw escape sequence), and at most {@value #MAX} characters.
 */
public final class Echo {
    static final int MAX = 120;

    private Echo() {
    }

    public static String of(String text) {
        return escape(text, MAX);
    }

    /** The whole text, escaped as {@link #of} escapes it: for messages that quote input among other words. */
    public static String escaped(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    private static String escape(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (b.length() >= max) {
                return b.append("... (").append(String.format("%,d", text.length())).append(" characters)").toString();
            }
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i)); // a pair: one character beyond the BMP
            } else if (printable(c)) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** True when the text has nothing that needs escaping. */
    public static boolean printable(String text) {
        return of(text).equals(text);
    }

    private static boolean printable(char c) {
        if (c == '\n' || c == '\t' || TargetText.unsafe(c) || c == 0xfffd) {
            return false; // one line: newline and tab escaped too
        }
        int type = Character.getType(c);
        // format characters (bidi overrides, zero-width), unassigned and surrogates alone are not shown raw
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && !(Character.isSurrogate(c));
    }
}
