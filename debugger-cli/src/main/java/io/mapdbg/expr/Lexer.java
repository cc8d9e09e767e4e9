package io.mapdbg.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens, Java's lexical rules for the subset we parse. */
final class Lexer {
    private static final List<String> OPERATORS = List.of("&&", "||", "==", "!=", "<=", ">=",
            "(", ")", "[", "]", ".", ",", "!", "-", "+", "*", "/", "%", "<", ">");

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Lexer lexer = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind() != Token.Kind.END);
        return out;
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        int column = start + 1;
        if (pos >= text.length()) {
            return new Token(Token.Kind.END, "", null, column);
        }
        char c = text.charAt(pos);
        if (Character.isJavaIdentifierStart(c)) {
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.IDENT, text.substring(start, pos), null, column);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '"') {
            return quoted('"', Token.Kind.STRING, start);
        }
        if (c == '\'') {
            return quoted('\'', Token.Kind.CHAR, start);
        }
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Token.Kind.OP, op, null, column);
            }
        }
        throw new ExpressionException(column, "unexpected character '" + c + "'");
    }

    private Token number(int start) {
        int column = start + 1;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            while (pos < text.length() && (Character.digit(text.charAt(pos), 16) >= 0 || text.charAt(pos) == '_')) {
                pos++;
            }
            return integral(text.substring(start + 2, pos).replace("_", ""), 16, start);
        }
        boolean decimal = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isDigit(c) || c == '_') {
                pos++;
            } else if (c == '.' && !decimal && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                decimal = true;
                pos++;
            } else if ((c == 'e' || c == 'E') && pos + 1 < text.length()) {
                decimal = true;
                pos++;
                if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
                    pos++;
                }
            } else {
                break;
            }
        }
        String digits = text.substring(start, pos).replace("_", "");
        if (pos < text.length() && (text.charAt(pos) == 'd' || text.charAt(pos) == 'D')) {
            pos++;
            decimal = true;
        }
        if (decimal) {
            try {
                return new Token(Token.Kind.DOUBLE, text.substring(start, pos), Double.parseDouble(digits), column);
            } catch (NumberFormatException e) {
                throw new ExpressionException(column, "malformed number '" + text.substring(start, pos) + "'");
            }
        }
        return integral(digits, 10, start);
    }

    private Token integral(String digits, int radix, int start) {
        int column = start + 1;
        boolean isLong = pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l');
        if (isLong) {
            pos++;
        }
        if (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            throw new ExpressionException(pos + 1, "malformed number '" + text.substring(start, pos + 1) + "'");
        }
        String source = text.substring(start, pos);
        try {
            if (isLong) {
                long v = radix == 10 ? Long.parseLong(digits) : Long.parseUnsignedLong(digits, radix);
                return new Token(Token.Kind.LONG, source, v, column);
            }
            // 2147483648 (kept as a Long) is legal only after unary minus; the parser checks that
            long v = Long.parseLong(digits, radix);
            if (radix == 10 ? v > 1L + Integer.MAX_VALUE : v > 0xFFFFFFFFL) {
                throw new ExpressionException(column, "integer too large: " + source + " (add L for a long)");
            }
            if (radix == 16) {
                return new Token(Token.Kind.INT, source, (int) v, column);
            }
            return new Token(Token.Kind.INT, source, v > Integer.MAX_VALUE ? (Object) v : (Object) (int) v, column);
        } catch (NumberFormatException e) {
            throw new ExpressionException(column, "malformed number '" + source + "'");
        }
    }

    private Token quoted(char quote, Token.Kind kind, int start) {
        int column = start + 1;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw new ExpressionException(column, "unclosed " + (kind == Token.Kind.STRING ? "string" : "char") + " literal");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\\') {
                value.append(escape(pos - 1));
            } else {
                value.append(c);
            }
        }
        String source = text.substring(start, pos);
        if (kind == Token.Kind.CHAR) {
            if (value.length() != 1) {
                throw new ExpressionException(column, "a char literal holds one character: " + source);
            }
            return new Token(kind, source, value.charAt(0), column);
        }
        return new Token(kind, source, value.toString(), column);
    }

    private char escape(int backslash) {
        if (pos >= text.length()) {
            throw new ExpressionException(backslash + 1, "unfinished escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'b': return '\b';
            case 'f': return '\f';
            case 's': return ' ';
            case '0': return '\0';
            case '\\': return '\\';
            case '\'': return '\'';
            case '"': return '"';
            case 'u':
                while (pos < text.length() && text.charAt(pos) == 'u') {
                    pos++;
                }
                if (pos + 4 <= text.length()) {
                    try {
                        char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                        pos += 4;
                        return c;
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                }
                throw new ExpressionException(backslash + 1, "malformed unicode escape: expected \\uXXXX");
            default:
                throw new ExpressionException(backslash + 1, "unknown escape '\\" + e + "'");
        }
    }
}
