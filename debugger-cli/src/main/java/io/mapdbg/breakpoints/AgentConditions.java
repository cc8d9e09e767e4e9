package io.mapdbg.breakpoints;

import io.mapdbg.expr.Expr;
import io.mapdbg.expr.ExpressionException;
import io.mapdbg.expr.Expressions;

/**
 * A trace condition for the agent: parsed here by the one expression parser, sent as its tree in prefix form (the
 * agent's ConditionTree reads it back and interprets it on the writer's thread, by field reads only). What the agent
 * cannot evaluate is refused here, before anything is armed: helper calls (len, bin, hash) and anything else that
 * would need more than a field read. Names: key, value, this (the map), and a bare name is a field of the map, as
 * on the JDWP path; static paths are not offered.
 */
public final class AgentConditions {
    private AgentConditions() {
    }

    /** The wire form of text; IllegalArgumentException with one line when it cannot go to the agent. */
    public static String wire(String text) {
        Expr e;
        try {
            e = Expressions.parse(text.trim());
        } catch (ExpressionException x) {
            throw new IllegalArgumentException("condition '" + text.trim() + "': " + x.getMessage(), x);
        }
        StringBuilder out = new StringBuilder();
        write(e, out, text.trim());
        return out.toString();
    }

    private static void write(Expr e, StringBuilder out, String text) {
        if (out.length() > 0) {
            out.append(' ');
        }
        if (e instanceof Expr.Literal l) {
            literal(l.value(), out);
        } else if (e instanceof Expr.Name n) {
            out.append('$').append(n.name());
        } else if (e instanceof Expr.FieldAccess f) {
            out.append('.').append(f.field());
            write(f.target(), out, text);
        } else if (e instanceof Expr.Index i) {
            out.append('[');
            write(i.array(), out, text);
            write(i.index(), out, text);
        } else if (e instanceof Expr.Unary u) {
            out.append(u.op() == Expr.UnaryOp.NOT ? "!" : "neg");
            write(u.operand(), out, text);
        } else if (e instanceof Expr.Binary b) {
            out.append(b.op().symbol);
            write(b.left(), out, text);
            write(b.right(), out, text);
        } else if (e instanceof Expr.InstanceOf i) {
            out.append("is:").append(i.className());
            write(i.operand(), out, text);
        } else {
            Expr.Call c = (Expr.Call) e;
            throw new IllegalArgumentException("condition '" + text + "': the agent cannot evaluate "
                    + c.helper().usage + " (column " + c.column() + "): through the agent a condition reads fields of"
                    + " key, value and the map, with literals, comparisons, && || ! and arithmetic");
        }
    }

    private static void literal(Object v, StringBuilder out) {
        if (v == null) {
            out.append('n');
        } else if (v instanceof String s) {
            out.append("s:").append(s.length()).append(':').append(s);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.append("i:").append(v);
        } else if (v instanceof Long) {
            out.append("l:").append(v);
        } else if (v instanceof Double || v instanceof Float) {
            out.append("d:").append(v);
        } else if (v instanceof Character c) {
            out.append("c:").append((int) c);
        } else if (v instanceof Boolean) {
            out.append("b:").append(v);
        } else {
            throw new IllegalArgumentException("a literal of type " + v.getClass().getSimpleName()
                    + " cannot go to the agent");
        }
    }
}
