package io.mapdbg.agent.hooks;

import io.mapdbg.agent.hooks.ConditionTree.Binary;
import io.mapdbg.agent.hooks.ConditionTree.Element;
import io.mapdbg.agent.hooks.ConditionTree.InstanceOf;
import io.mapdbg.agent.hooks.ConditionTree.Literal;
import io.mapdbg.agent.hooks.ConditionTree.Member;
import io.mapdbg.agent.hooks.ConditionTree.Name;
import io.mapdbg.agent.hooks.ConditionTree.Node;
import io.mapdbg.agent.hooks.ConditionTree.Unary;

import java.util.List;

/** Reads a condition's wire form (see {@link ConditionTree}) back into its tree; one clear error when it cannot. */
final class ConditionWire {
    private ConditionWire() {
    }

    /** The tree of wire; mapClass (null: any map) is where bare names must be fields. */
    static Node read(String wire, Class<?> mapClass) {
        Reader r = new Reader(wire);
        Node n = r.node(mapClass);
        if (r.pos < wire.length()) {
            throw new IllegalArgumentException("condition: unexpected '" + wire.substring(r.pos) + "'");
        }
        return n;
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        String token() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("condition: ends too early");
            }
            int end = s.indexOf(' ', pos);
            end = end < 0 ? s.length() : end;
            String t = s.substring(pos, end);
            pos = Math.min(s.length(), end + 1);
            return t;
        }

        Node node(Class<?> mapClass) {
            if (s.startsWith("s:", pos)) { // s:LEN:chars, the chars may hold spaces
                int colon = s.indexOf(':', pos + 2);
                int len = Integer.parseInt(s.substring(pos + 2, colon));
                String v = s.substring(colon + 1, colon + 1 + len);
                pos = Math.min(s.length(), colon + 1 + len + 1);
                return new Literal(v);
            }
            String t = token();
            if (t.startsWith("i:")) {
                return new Literal(Integer.valueOf(t.substring(2)));
            }
            if (t.startsWith("l:")) {
                return new Literal(Long.valueOf(t.substring(2)));
            }
            if (t.startsWith("d:")) {
                return new Literal(Double.valueOf(t.substring(2)));
            }
            if (t.startsWith("c:")) {
                return new Literal(Character.valueOf((char) Integer.parseInt(t.substring(2))));
            }
            if (t.startsWith("b:")) {
                return new Literal(Boolean.valueOf(t.substring(2)));
            }
            if (t.equals("n")) {
                return new Literal(null);
            }
            if (t.equals("$key")) {
                return new Name(0);
            }
            if (t.equals("$value")) {
                return new Name(1);
            }
            if (t.equals("$this")) {
                return new Name(2);
            }
            if (t.startsWith("$")) {
                String name = t.substring(1);
                if (mapClass == null || ConditionTree.field(mapClass, name) == null) {
                    throw new IllegalArgumentException("unknown name '" + name + "': through the agent a condition"
                            + " sees key, value, this" + (mapClass == null ? "" : " and the fields of "
                            + mapClass.getName()));
                }
                return new Member(new Name(2), name);
            }
            if (t.startsWith(".") && t.length() > 1) {
                return new Member(node(mapClass), t.substring(1));
            }
            if (t.equals("[")) {
                Node a = node(mapClass);
                return new Element(a, node(mapClass));
            }
            if (t.equals("!")) {
                return new Unary(true, node(mapClass));
            }
            if (t.equals("neg")) {
                return new Unary(false, node(mapClass));
            }
            if (t.startsWith("is:")) {
                return new InstanceOf(node(mapClass), t.substring(3));
            }
            if (OPS.contains(t)) {
                Node l = node(mapClass);
                return new Binary(t, l, node(mapClass));
            }
            throw new IllegalArgumentException("condition: unknown token '" + t + "'");
        }
    }

    private static final List<String> OPS = java.util.Arrays.asList("==", "!=", "<", "<=", ">", ">=", "+", "-", "*",
            "/", "%", "&&", "||");
}
