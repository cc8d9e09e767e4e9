package io.mapdbg.expr;

/** The entry point: parse an expression once, then evaluate it as often as needed with {@link Evaluator}. */
public final class Expressions {
    private Expressions() {
    }

    /** Parses text into a syntax tree, or throws {@link ExpressionException} naming the column. */
    public static Expr parse(String text) {
        return Parser.parse(text);
    }

    /** The expression written back as text, fully parenthesised where operators nest (for messages and tests). */
    public static String show(Expr e) {
        if (e instanceof Expr.Literal l) {
            Object v = l.value();
            if (v instanceof String s) {
                return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
            }
            if (v instanceof Character c) {
                return "'" + (c == '\'' ? "\\'" : c == '\n' ? "\\n" : String.valueOf(c)) + "'";
            }
            return v instanceof Long ? v + "L" : String.valueOf(v);
        }
        if (e instanceof Expr.Name n) {
            return n.name();
        }
        if (e instanceof Expr.FieldAccess f) {
            return show(f.target()) + "." + f.field();
        }
        if (e instanceof Expr.Index i) {
            return show(i.array()) + "[" + show(i.index()) + "]";
        }
        if (e instanceof Expr.Unary u) {
            return u.op().symbol + show(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return "(" + show(b.left()) + " " + b.op().symbol + " " + show(b.right()) + ")";
        }
        if (e instanceof Expr.InstanceOf i) {
            return "(" + show(i.operand()) + " instanceof " + i.className() + ")";
        }
        Expr.Call c = (Expr.Call) e; // sealed: the last kind (no pattern switch on Java 17)
        StringBuilder out = new StringBuilder(c.helper().word).append('(');
        for (int k = 0; k < c.arguments().size(); k++) {
            out.append(k == 0 ? "" : ", ").append(show(c.arguments().get(k)));
        }
        return out.append(')').toString();
    }
}
