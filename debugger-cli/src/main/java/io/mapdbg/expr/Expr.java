package io.mapdbg.expr;

import java.util.List;

/**
 * The syntax tree of an expression: parsed once ({@link Expressions#parse}), evaluated many times. Every node
 * keeps the 1-based column where it starts in the source text, so evaluation errors can point at it.
 */
public sealed interface Expr {

    int column();

    /** int, long, double, char, String, boolean or null: value is Integer, Long, Double, Character, String, Boolean or null. */
    record Literal(Object value, int column) implements Expr {
    }

    /** {@code this}, an argument, a local, a field of {@code this}, or the first segment of a class name. */
    record Name(String name, int column) implements Expr {
    }

    /** {@code target.field}; private fields too; {@code array.length}. column is that of the field name. */
    record FieldAccess(Expr target, String field, int column) implements Expr {
    }

    /** {@code array[index]}; column is that of '['. */
    record Index(Expr array, Expr index, int column) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, int column) implements Expr {
    }

    /** Arithmetic, comparisons, and the short-circuit {@code &&} and {@code ||}; column is that of the operator. */
    record Binary(BinaryOp op, Expr left, Expr right, int column) implements Expr {
    }

    /** {@code operand instanceof ClassName}: className as written (simple, qualified or binary). */
    record InstanceOf(Expr operand, String className, int column) implements Expr {
    }

    /** A helper call: {@code len(x)}, {@code bin(map, key)}, {@code hash(key)}. */
    record Call(Helper helper, List<Expr> arguments, int column) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    enum UnaryOp {
        NOT("!"), NEGATE("-");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum BinaryOp {
        OR("||", 1), AND("&&", 2), EQ("==", 3), NE("!=", 3), LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4),
        ADD("+", 5), SUB("-", 5), MUL("*", 6), DIV("/", 6), REM("%", 6);

        public final String symbol;
        /** Java's precedence: higher binds tighter. */
        final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        static BinaryOp of(Token t) {
            if (t.kind() != Token.Kind.OP) {
                return null;
            }
            for (BinaryOp op : values()) {
                if (op.symbol.equals(t.text())) {
                    return op;
                }
            }
            return null;
        }
    }

    /** The helpers an expression may call; none of them invokes code in the target unless invoke is on. */
    enum Helper {
        LEN("len", "len(x)"), BIN("bin", "bin(map, key)"), HASH("hash", "hash(key)");

        public final String word;
        public final String usage;

        Helper(String word, String usage) {
            this.word = word;
            this.usage = usage;
        }

        int arity() {
            return this == BIN ? 2 : 1;
        }

        static Helper named(String word) {
            for (Helper h : values()) {
                if (h.word.equals(word)) {
                    return h;
                }
            }
            return null;
        }
    }
}
