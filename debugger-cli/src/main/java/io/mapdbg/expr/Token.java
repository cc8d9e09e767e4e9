package io.mapdbg.expr;

/** One lexical token; column is 1-based. value holds a literal's Java value (Integer, Long, Double, Character, String). */
record Token(Kind kind, String text, Object value, int column) {

    enum Kind { INT, LONG, DOUBLE, CHAR, STRING, IDENT, OP, END }

    boolean is(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENT && text.equals(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of expression";
            case STRING -> "string " + text;
            case CHAR -> "char " + text;
            default -> "'" + text + "'";
        };
    }
}
