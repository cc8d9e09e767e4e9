package io.mapdbg.expr;

import io.mapdbg.expr.Expr.BinaryOp;
import io.mapdbg.expr.Expr.Helper;
import io.mapdbg.expr.Expr.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser with Java's precedence: {@code ||} < {@code &&} < {@code == !=} <
 * {@code < <= > >= instanceof} < {@code + -} < {@code * / %} < unary {@code ! -} < postfix {@code . []}.
 */
final class Parser {
    private static final int RELATIONAL = 4;
    /** Bounds that keep parsing and evaluating far from the thread's stack limit (a StackOverflowError ended sessions). */
    static final int MAX_DEPTH = 64;
    static final int MAX_CHARS = 2_000;

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException(1, "empty expression");
        }
        if (text.length() > MAX_CHARS) {
            throw new ExpressionException(0, String.format("expression of %,d characters: at most %,d", text.length(), MAX_CHARS));
        }
        Parser p = new Parser(Lexer.tokens(text));
        Expr e = p.binary(1);
        Token rest = p.peek();
        if (rest.kind() != Token.Kind.END) {
            throw new ExpressionException(rest.column(), "unexpected " + rest.describe() + " after the expression");
        }
        return e;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token advance() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private Token expect(String op) {
        Token t = peek();
        if (!t.is(op)) {
            throw new ExpressionException(t.column(), "expected '" + op + "' but found " + t.describe());
        }
        return advance();
    }

    /** One more level of nesting (parentheses, brackets, arguments, unary operators), or a refusal past MAX_DEPTH. */
    private Expr nested(java.util.function.Supplier<Expr> inner) {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(peek().column(), "nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return inner.get();
        } finally {
            depth--;
        }
    }

    private Expr binary(int minPrecedence) {
        Expr left = unary();
        while (true) {
            Token t = peek();
            if (t.isWord("instanceof") && RELATIONAL >= minPrecedence) {
                advance();
                left = new Expr.InstanceOf(left, className(), t.column());
                continue;
            }
            BinaryOp op = BinaryOp.of(t);
            if (op == null || op.precedence < minPrecedence) {
                return left;
            }
            advance();
            left = new Expr.Binary(op, left, binary(op.precedence + 1), t.column());
        }
    }

    private String className() {
        StringBuilder name = new StringBuilder(identifier("a class name after instanceof"));
        while (peek().is(".")) {
            advance();
            name.append('.').append(identifier("a class name after '.'"));
        }
        return name.toString();
    }

    private String identifier(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) {
            throw new ExpressionException(t.column(), "expected " + what + " but found " + t.describe());
        }
        return advance().text();
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("!")) {
            advance();
            return new Expr.Unary(UnaryOp.NOT, nested(this::unary), t.column());
        }
        if (t.is("-")) {
            advance();
            Token next = peek();
            if (next.kind() == Token.Kind.INT && next.value() instanceof Long) {
                advance(); // 2147483648: legal only here, as Integer.MIN_VALUE
                return postfix(new Expr.Literal(Integer.MIN_VALUE, t.column()));
            }
            return new Expr.Unary(UnaryOp.NEGATE, nested(this::unary), t.column());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.is(".")) {
                advance();
                Token name = peek();
                String field = identifier("a field name after '.'");
                if (peek().is("(")) {
                    throw new ExpressionException(name.column(), "method calls are not supported (" + field
                            + "(...)); the helpers are " + helpers() + ", fields are read without calling code");
                }
                e = new Expr.FieldAccess(e, field, name.column());
            } else if (t.is("[")) {
                advance();
                Expr index = nested(() -> binary(1));
                expect("]");
                e = new Expr.Index(e, index, t.column());
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        Token t = advance();
        switch (t.kind()) {
            case INT:
                if (t.value() instanceof Long) {
                    throw new ExpressionException(t.column(), "integer too large: " + t.text() + " (add L for a long)");
                }
                return new Expr.Literal(t.value(), t.column());
            case LONG:
            case DOUBLE:
            case CHAR:
            case STRING:
                return new Expr.Literal(t.value(), t.column());
            case IDENT:
                return word(t);
            case OP:
                if (t.is("(")) {
                    Expr inner = nested(() -> binary(1));
                    expect(")");
                    return inner;
                }
                throw new ExpressionException(t.column(), "expected a value but found " + t.describe());
            default:
                throw new ExpressionException(t.column(), "expected a value but found " + t.describe());
        }
    }

    private Expr word(Token t) {
        switch (t.text()) {
            case "true":
                return new Expr.Literal(Boolean.TRUE, t.column());
            case "false":
                return new Expr.Literal(Boolean.FALSE, t.column());
            case "null":
                return new Expr.Literal(null, t.column());
            case "instanceof":
                throw new ExpressionException(t.column(), "expected a value before instanceof");
            default:
                break;
        }
        if (!peek().is("(")) {
            return new Expr.Name(t.text(), t.column());
        }
        Helper helper = Helper.named(t.text());
        if (helper == null) {
            throw new ExpressionException(t.column(), "unknown function " + t.text() + "(...): the helpers are " + helpers());
        }
        advance();
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            args.add(nested(() -> binary(1)));
            while (peek().is(",")) {
                advance();
                args.add(nested(() -> binary(1)));
            }
        }
        expect(")");
        if (args.size() != helper.arity()) {
            throw new ExpressionException(t.column(), helper.word + " takes " + helper.arity() + " argument"
                    + (helper.arity() == 1 ? "" : "s") + ": " + helper.usage);
        }
        return new Expr.Call(helper, args, t.column());
    }

    private static String helpers() {
        List<String> usages = new ArrayList<>();
        for (Helper h : Helper.values()) {
            usages.add(h.usage);
        }
        return String.join(", ", usages);
    }
}
