package io.mapdbg.agent.hooks;

import io.mapdbg.agent.ModuleAccess;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace condition as the CLI sends it: the tree its expression parser made, written in prefix form (the CLI's
 * parser stays the only parser; this only reads the tree back and interprets it). Evaluated on the writer's thread,
 * over field reads only: no method of an application object ever runs (no toString, hashCode, equals). Strings are
 * compared by value with String.equals and boxed JDK numbers read by their own methods: both are final JDK classes,
 * so that is JDK code, never the application's.
 *
 * <p>Tokens, separated by one space: {@code i:3 l:3 d:1.5 c:65 b:true n s:LEN:chars} literals; {@code $key $value
 * $this} and {@code $name} (a field of the map); {@code .name X} a field of X ({@code .length} of an array);
 * {@code [ A I} an array element; {@code ! X}, {@code neg X}; {@code OP A B} for {@code == != < <= > >= + - * / %
 * && ||}; {@code is:ClassName X} instanceof.
 */
final class ConditionTree {
    private final Node root;
    private final String text;

    ConditionTree(Node root, String text) {
        this.root = root;
        this.text = text;
    }

    /** Reads the wire form; mapClass (null: any map) is where bare names must be fields. */
    static ConditionTree parse(String wire, Class<?> mapClass) {
        Node n = ConditionWire.read(wire, mapClass);
        ModuleAccess.open(String.class); // String's and the boxes' fields may be read, as the JDWP path reads them
        ModuleAccess.open(java.util.HashMap.class);
        return new ConditionTree(n, wire);
    }

    boolean test(Object map, Object key, Object value) {
        Object v = root.eval(map, key, value);
        if (!(v instanceof Boolean)) {
            throw new IllegalStateException("a condition must be a boolean, not " + typeName(v));
        }
        return ((Boolean) v).booleanValue();
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- the tree --------------------------------------------------------------------------------------------

    abstract static class Node {
        abstract Object eval(Object map, Object key, Object value);
    }

    static final class Literal extends Node {
        final Object v;

        Literal(Object v) {
            this.v = v;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            return v;
        }
    }

    static final class Name extends Node {
        final int which; // 0 key, 1 value, 2 this

        Name(int which) {
            this.which = which;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            return which == 0 ? key : which == 1 ? value : map;
        }
    }

    static final class Member extends Node {
        final Node target;
        final String field;
        private volatile Object[] cache; // {Class, Field}: one class seen at a site, as the JIT's inline cache

        Member(Node target, String field) {
            this.target = target;
            this.field = field;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            Object t = target.eval(map, key, value);
            if (t == null) {
                throw new IllegalStateException("null dereference before ." + field);
            }
            Class<?> c = t.getClass();
            if (c.isArray() && field.equals("length")) {
                return Integer.valueOf(Array.getLength(t));
            }
            Object[] k = cache;
            Field f;
            if (k != null && k[0] == c) {
                f = (Field) k[1];
            } else {
                f = field(c, field);
                if (f == null) {
                    throw new IllegalStateException("no field " + field + " in " + c.getName());
                }
                cache = new Object[] {c, f};
            }
            try {
                return f.get(t);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("field " + field + " of " + c.getName() + " cannot be read", e);
            }
        }
    }

    static final class Element extends Node {
        final Node array;
        final Node index;

        Element(Node array, Node index) {
            this.array = array;
            this.index = index;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            Object a = array.eval(map, key, value);
            if (a == null || !a.getClass().isArray()) {
                throw new IllegalStateException("[] needs an array, not " + typeName(a));
            }
            Object i = index.eval(map, key, value);
            if (!(i instanceof Integer || i instanceof Long || i instanceof Short || i instanceof Byte
                    || i instanceof Character)) {
                throw new IllegalStateException("an array index must be an integer, not " + typeName(i));
            }
            long k = longOf(i);
            int n = Array.getLength(a);
            if (k < 0 || k >= n) {
                throw new IllegalStateException("index " + k + " out of bounds for length " + n);
            }
            return Array.get(a, (int) k);
        }
    }

    static final class Unary extends Node {
        final boolean not;
        final Node operand;

        Unary(boolean not, Node operand) {
            this.not = not;
            this.operand = operand;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            Object v = operand.eval(map, key, value);
            if (not) {
                if (!(v instanceof Boolean)) {
                    throw new IllegalStateException("! needs a boolean, not " + typeName(v));
                }
                return Boolean.valueOf(!((Boolean) v).booleanValue());
            }
            return arithmetic("-", Integer.valueOf(0), v);
        }
    }

    static final class Binary extends Node {
        final String op;
        final Node left;
        final Node right;

        Binary(String op, Node left, Node right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            if (op.equals("&&") || op.equals("||")) {
                boolean or = op.equals("||");
                boolean l = bool(left.eval(map, key, value));
                if (l == or) {
                    return Boolean.valueOf(l); // short-circuit, as in Java
                }
                return Boolean.valueOf(bool(right.eval(map, key, value)));
            }
            Object l = left.eval(map, key, value);
            Object r = right.eval(map, key, value);
            if (op.equals("==")) {
                return Boolean.valueOf(equal(l, r));
            }
            if (op.equals("!=")) {
                return Boolean.valueOf(!equal(l, r));
            }
            if (op.equals("+") && (l instanceof String || r instanceof String)) {
                return text(l) + text(r);
            }
            if (op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">=")) {
                int c = compare(l, r);
                return Boolean.valueOf(op.equals("<") ? c < 0 : op.equals("<=") ? c <= 0 : op.equals(">") ? c > 0 : c >= 0);
            }
            return arithmetic(op, l, r);
        }

        private boolean bool(Object v) {
            if (!(v instanceof Boolean)) {
                throw new IllegalStateException(op + " needs booleans, not " + typeName(v));
            }
            return ((Boolean) v).booleanValue();
        }
    }

    static final class InstanceOf extends Node {
        final Node operand;
        final String className;

        InstanceOf(Node operand, String className) {
            this.operand = operand;
            this.className = className;
        }

        @Override
        Object eval(Object map, Object key, Object value) {
            Object v = operand.eval(map, key, value);
            return Boolean.valueOf(v != null && matches(v.getClass(), className));
        }
    }

    // ---- values (JDK types only: an application's Number subclass is an object like any other) ----------------

    private static boolean isNumber(Object v) {
        Class<?> c = v == null ? null : v.getClass();
        return c == Integer.class || c == Long.class || c == Short.class || c == Byte.class || c == Double.class
                || c == Float.class || c == Character.class;
    }

    private static boolean isFloating(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    private static long longOf(Object v) {
        return v instanceof Character ? ((Character) v).charValue() : ((Number) v).longValue();
    }

    private static double doubleOf(Object v) {
        return v instanceof Character ? ((Character) v).charValue() : ((Number) v).doubleValue();
    }

    /**
     * Java's == as the JDWP path evaluates it: strings by contents, numbers and booleans by value, other objects by
     * identity (never their equals). Unlike JDWP, two boxed numbers of the target compare by value too.
     */
    static boolean equal(Object l, Object r) {
        if (l == null || r == null) {
            return l == r;
        }
        if (l instanceof String && r instanceof String) {
            return ((String) l).equals(r);
        }
        if (isNumber(l) && isNumber(r)) {
            return isFloating(l) || isFloating(r) ? doubleOf(l) == doubleOf(r) : longOf(l) == longOf(r);
        }
        if (l instanceof Boolean && r instanceof Boolean) {
            return l.equals(r);
        }
        return l == r;
    }

    private static int compare(Object l, Object r) {
        if (!isNumber(l) || !isNumber(r)) {
            throw new IllegalStateException("comparison needs numbers, not " + typeName(l) + " and " + typeName(r));
        }
        if (isFloating(l) || isFloating(r)) {
            return Double.compare(doubleOf(l), doubleOf(r));
        }
        long a = longOf(l);
        long b = longOf(r);
        return a < b ? -1 : a == b ? 0 : 1;
    }

    static Object arithmetic(String op, Object l, Object r) {
        if (!isNumber(l) || !isNumber(r)) {
            throw new IllegalStateException(op + " needs numbers, not " + typeName(l) + " and " + typeName(r));
        }
        if (isFloating(l) || isFloating(r)) {
            double a = doubleOf(l);
            double b = doubleOf(r);
            switch (op.charAt(0)) {
                case '+': return Double.valueOf(a + b);
                case '-': return Double.valueOf(a - b);
                case '*': return Double.valueOf(a * b);
                case '/': return Double.valueOf(a / b);
                default: return Double.valueOf(a % b);
            }
        }
        boolean wide = l instanceof Long || r instanceof Long;
        long a = longOf(l);
        long b = longOf(r);
        if ((op.equals("/") || op.equals("%")) && b == 0) {
            throw new IllegalStateException("division by zero");
        }
        long v;
        switch (op.charAt(0)) {
            case '+': v = a + b; break;
            case '-': v = a - b; break;
            case '*': v = a * b; break;
            case '/': v = a / b; break;
            default: v = a % b; break;
        }
        return wide ? (Object) Long.valueOf(v) : (Object) Integer.valueOf((int) v);
    }

    /** A value in a string concatenation, without any application toString. */
    private static String text(Object v) {
        if (v == null || v instanceof String || isNumber(v) || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new IllegalStateException("cannot concatenate a " + typeName(v) + ": that would run its toString()");
    }

    static String typeName(Object v) {
        return v == null ? "null" : v.getClass().getName();
    }

    /** The field name as declared in c or a superclass (the nearest), made readable; null when there is none. */
    static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getName().equals(name) && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean matches(Class<?> c, String written) {
        List<Class<?>> all = new ArrayList<Class<?>>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            all.add(k);
            interfaces(k, all);
        }
        for (Class<?> k : all) {
            String n = k.getName();
            String dotted = n.replace('$', '.');
            String simple = dotted.substring(dotted.lastIndexOf('.') + 1);
            if (n.equals(written) || dotted.equals(written) || (written.indexOf('.') < 0 && simple.equals(written))) {
                return true;
            }
        }
        return false;
    }

    private static void interfaces(Class<?> c, List<Class<?>> out) {
        for (Class<?> i : c.getInterfaces()) {
            out.add(i);
            interfaces(i, out);
        }
    }
}
