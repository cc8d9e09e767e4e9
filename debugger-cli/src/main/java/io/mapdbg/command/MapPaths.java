package io.mapdbg.command;

/**
 * The shape of a map reference, checked before anything is attached or loaded, the same on every path (exit 2):
 * {@code @N}, {@code $N}, or a static path {@code Cls.FIELD[.field...]} of at most {@value #MAX_SEGMENTS} names and
 * {@value #MAX_CHARS} characters (a path's lookup costs grow with its length, in the CLI and in the agent alike).
 */
public final class MapPaths {
    public static final int MAX_SEGMENTS = 64;
    public static final int MAX_CHARS = 1_000;

    private MapPaths() {
    }

    /** Throws CommandException (exit 2) naming what is wrong with ref; the command's name leads the line. */
    public static void check(String command, String ref) {
        String text = ref == null ? "" : ref.strip();
        if (text.length() > MAX_CHARS) {
            throw bad(command, ref, "longer than " + MAX_CHARS + " characters");
        }
        if (text.startsWith("@") || text.startsWith("$")) {
            String digits = text.substring(1);
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw bad(command, ref, text.charAt(0) + " takes a number");
            }
            return;
        }
        if (!text.contains(".")) {
            throw bad(command, ref, "use @id, $N or a static path Cls.FIELD");
        }
        int segments = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (i == start) {
                    throw bad(command, ref, "an empty name at column " + (i + 1) + " (a static path is Cls.FIELD[.field...])");
                }
                if (i < text.length() && ++segments > MAX_SEGMENTS) {
                    throw bad(command, ref, "more than " + MAX_SEGMENTS + " names");
                }
                start = i + 1;
            } else if (Character.isIdentifierIgnorable(text.charAt(i)) // control characters count as "parts" in Java
                    || (i == start ? !Character.isJavaIdentifierStart(text.charAt(i))
                    : !Character.isJavaIdentifierPart(text.charAt(i)))) {
                throw bad(command, ref, "'" + Echo.of(String.valueOf(text.charAt(i))) + "' at column " + (i + 1)
                        + " is not part of a Java name");
            }
        }
    }

    private static CommandException bad(String command, String ref, String why) {
        return new CommandException(command + ": '" + Echo.of(ref) + "' is not a map reference: " + why, 2);
    }
}
