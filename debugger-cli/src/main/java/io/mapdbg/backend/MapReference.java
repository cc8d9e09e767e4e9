package io.mapdbg.backend;

import io.mapdbg.session.TargetText;

import java.util.function.UnaryOperator;

/**
 * What a user typed to name a map, parsed once: {@code $N} (a REPL result), {@code @id} (an object id a command
 * printed) or a static path {@code Cls.FIELD[.field...]} of at most {@value #MAX_SEGMENTS} names and
 * {@value #MAX_CHARS} characters (a path's lookup cost grows with its length, in the CLI and in the agent alike).
 * Every command and both backends take this value; the syntax and its errors live here only.
 */
public sealed interface MapReference {
    int MAX_SEGMENTS = 64;
    int MAX_CHARS = 1_000;

    /** As the user wrote it (trimmed): what messages quote. */
    String text();

    /** {@code $N}: the N-th map this session showed. */
    record Handle(long n) implements MapReference {
        @Override
        public String text() {
            return "$" + n;
        }
    }

    /** {@code @id}: an object id a command printed. */
    record ObjectId(long id) implements MapReference {
        @Override
        public String text() {
            return "@" + id;
        }
    }

    /** {@code com.acme.Cls.FIELD[.field...]}: a static field, and fields below it. */
    record StaticPath(String path) implements MapReference {
        @Override
        public String text() {
            return path;
        }
    }

    /** A reference that does not parse: why, for the command's own one-line message (exit 2). */
    final class Malformed extends UserError {
        private final String why;
        private final String offending; // a character that is not part of a Java name, else null
        private final int column;

        Malformed(String why) {
            this(why, null, 0);
        }

        Malformed(String why, String offending, int column) {
            super("not a map reference: " + (offending == null ? why
                    : "'" + TargetText.clean(offending) + "' at column " + column + why), USAGE);
            this.why = why;
            this.offending = offending;
            this.column = column;
        }

        /** What is wrong, without the reference (which the caller quotes); echo escapes a character of input. */
        public String why(UnaryOperator<String> echo) {
            return offending == null ? why : "'" + echo.apply(offending) + "' at column " + column + why;
        }
    }

    /** Parses a map reference; {@link Malformed} says what is wrong (callers quote the reference, escaped). */
    static MapReference parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.length() > MAX_CHARS) {
            throw new Malformed("longer than " + MAX_CHARS + " characters");
        }
        if (text.startsWith("@") || text.startsWith("$")) {
            String digits = text.substring(1);
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Malformed(text.charAt(0) + " takes a number");
            }
            long n = Long.parseLong(digits);
            return text.charAt(0) == '@' ? new ObjectId(n) : new Handle(n);
        }
        if (!text.contains(".")) {
            throw new Malformed("use @id, $N or a static path Cls.FIELD");
        }
        int segments = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (i == start) {
                    throw new Malformed("an empty name at column " + (i + 1)
                            + " (a static path is Cls.FIELD[.field...])");
                }
                if (i < text.length() && ++segments > MAX_SEGMENTS) {
                    throw new Malformed("more than " + MAX_SEGMENTS + " names");
                }
                start = i + 1;
            } else if (Character.isIdentifierIgnorable(text.charAt(i)) // control characters count as "parts" in Java
                    || (i == start ? !Character.isJavaIdentifierStart(text.charAt(i))
                    : !Character.isJavaIdentifierPart(text.charAt(i)))) {
                throw new Malformed(" is not part of a Java name", String.valueOf(text.charAt(i)), i + 1);
            }
        }
        return new StaticPath(text);
    }
}
