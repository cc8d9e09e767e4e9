package io.mapdbg.expr;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.InterfaceType;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StringReference;
import io.mapdbg.expr.Expr.BinaryOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Evaluates a parsed expression over JDI. Reads fields (private ones too) and array elements; never invokes a
 * method in the target unless the scope allows it (then only {@code hashCode()} for {@code hash}/{@code bin}).
 * Results are expression values as {@link Values} describes them.
 */
public final class Evaluator {
    private final Scope scope;

    private Evaluator(Scope scope) {
        this.scope = scope;
    }

    /** The value of e in scope; {@link ExpressionException} names the column of the sub-expression at fault. */
    public static Object evaluate(Expr e, Scope scope) {
        return new Evaluator(scope).eval(e);
    }

    /** A condition: e must be a boolean (a boxed Boolean in the target counts). */
    public static boolean test(Expr e, Scope scope) {
        Object v = Values.unbox(evaluate(e, scope));
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException(e.column(), "a condition must be a boolean, not " + Values.typeName(v));
    }

    Object eval(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Name n) {
            return name(n);
        }
        if (e instanceof Expr.FieldAccess f) {
            return fieldAccess(f);
        }
        if (e instanceof Expr.Index i) {
            return index(i);
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.InstanceOf i) {
            return instanceOf(i);
        }
        Expr.Call c = (Expr.Call) e; // sealed: the last kind (no pattern switch on Java 17)
        return new Helpers(this, scope).call(c);
    }

    // ---- names and fields ----------------------------------------------------------------------------------

    private Object name(Expr.Name n) {
        if (n.name().equals("this")) {
            if (scope.thisObject() == null && !scope.hasFrame()) {
                throw ExpressionException.needsFrame(n.column(), "no 'this' without a stopped thread");
            }
            if (scope.thisObject() == null) {
                throw new ExpressionException(n.column(), "no 'this' in a static method");
            }
            return scope.thisObject();
        }
        if (scope.variables().containsKey(n.name())) {
            return Values.of(scope.variables().get(n.name()));
        }
        Field implicit = implicitField(n.name());
        if (implicit != null) {
            return Values.read(scope.thisObject(), implicit);
        }
        if (!scope.hasFrame()) {
            throw ExpressionException.needsFrame(n.column(), "unknown name '" + n.name() + "': without a stopped "
                    + "thread only literals and static fields (com.acme.Cls.FIELD) have values");
        }
        String known = scope.variables().isEmpty() ? "" : " (here: " + String.join(", ", scope.variables().keySet()) + ")";
        throw new ExpressionException(n.column(), "unknown name '" + n.name() + "': not an argument, local or field here"
                + known);
    }

    /** A bare name that Java would read as this.name or DeclaringClass.name. */
    private Field implicitField(String name) {
        ReferenceType type = scope.thisObject() != null ? scope.thisObject().referenceType() : scope.declaringType();
        if (type == null) {
            return null;
        }
        Field f = type.fieldByName(name);
        return f != null && (scope.thisObject() != null || f.isStatic()) ? f : null;
    }

    private Object fieldAccess(Expr.FieldAccess f) {
        List<Expr.Name> path = namePath(f);
        if (path != null && !resolvable(path.get(0).name())) {
            return staticPath(path, f);
        }
        Object target = eval(f.target());
        return member(target, f.target(), f.field(), f.column());
    }

    private Object member(Object target, Expr targetExpr, String field, int column) {
        if (target == null) {
            throw new ExpressionException(column, "null dereference: " + Expressions.show(targetExpr) + " is null");
        }
        if (target instanceof ArrayReference a && field.equals("length")) {
            return a.length();
        }
        if (!(target instanceof ObjectReference o)) {
            throw new ExpressionException(column, Expressions.show(targetExpr) + " is a " + Values.typeName(target)
                    + ", it has no field " + field);
        }
        Field f = Values.field(o, null, field);
        if (f == null) {
            throw new ExpressionException(column, "no field " + field + " in " + o.referenceType().name());
        }
        return Values.read(o, f);
    }

    /** The names of a.b.c when the expression is only names and dots; else null. */
    private static List<Expr.Name> namePath(Expr e) {
        Deque<Expr.Name> out = new ArrayDeque<>();
        while (e instanceof Expr.FieldAccess f) {
            out.addFirst(new Expr.Name(f.field(), f.column()));
            e = f.target();
        }
        if (!(e instanceof Expr.Name root)) {
            return null;
        }
        out.addFirst(root);
        return new ArrayList<>(out);
    }

    private boolean resolvable(String name) {
        return name.equals("this") || scope.variables().containsKey(name) || implicitField(name) != null;
    }

    /** com.acme.Cls.FIELD[.field...], nested classes with '.' or '$': the longest prefix that names a loaded class. */
    private Object staticPath(List<Expr.Name> path, Expr.FieldAccess whole) {
        for (int classParts = path.size() - 1; classParts >= 1; classParts--) {
            ReferenceType type = loadedClass(path, classParts);
            if (type == null) {
                continue;
            }
            Expr.Name fieldName = path.get(classParts);
            Field f = type.fieldByName(fieldName.name());
            if (f == null || !f.isStatic()) {
                throw new ExpressionException(fieldName.column(), "class " + type.name() + " has no static field "
                        + fieldName.name());
            }
            Object value = Values.of(type.getValue(f));
            Expr sofar = new Expr.FieldAccess(new Expr.Name(type.name(), path.get(0).column()), f.name(), fieldName.column());
            for (int i = classParts + 1; i < path.size(); i++) {
                value = member(value, sofar, path.get(i).name(), path.get(i).column());
                sofar = new Expr.FieldAccess(sofar, path.get(i).name(), path.get(i).column());
            }
            return value;
        }
        Expr.Name root = path.get(0);
        if (!scope.hasFrame()) {
            throw ExpressionException.needsFrame(root.column(), "unknown name '" + root.name() + "': "
                    + Expressions.show(whole) + " starts with no loaded class, and no thread is stopped");
        }
        throw new ExpressionException(root.column(), "unknown name '" + root.name() + "': not an argument, local or "
                + "field here, and " + Expressions.show(whole) + " starts with no loaded class");
    }

    private ReferenceType loadedClass(List<Expr.Name> path, int n) {
        if (scope.vm() == null) {
            return null;
        }
        for (int nested = 0; nested < n; nested++) {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < n; i++) {
                name.append(i == 0 ? "" : i < n - nested ? "." : "$").append(path.get(i).name());
            }
            for (ReferenceType t : scope.vm().classesByName(name.toString())) {
                if (t.isPrepared()) {
                    return t;
                }
            }
        }
        return null;
    }

    private Object index(Expr.Index i) {
        Object array = eval(i.array());
        if (array == null) {
            throw new ExpressionException(i.column(), "null dereference: " + Expressions.show(i.array()) + " is null");
        }
        if (!(array instanceof ArrayReference a)) {
            throw new ExpressionException(i.column(), Expressions.show(i.array()) + " is a " + Values.typeName(array)
                    + ", not an array");
        }
        Object index = Values.unbox(eval(i.index()));
        if (!(index instanceof Integer || index instanceof Short || index instanceof Byte || index instanceof Character
                || index instanceof Long)) {
            throw new ExpressionException(i.index().column(), "an array index must be an integer, not "
                    + Values.typeName(index));
        }
        long k = Numbers.toLong(index);
        int length = a.length();
        if (k < 0 || k >= length) {
            throw new ExpressionException(i.index().column(), "index " + k + " out of bounds for length " + length);
        }
        return Values.of(a.getValue((int) k));
    }

    // ---- operators -----------------------------------------------------------------------------------------

    private Object unary(Expr.Unary u) {
        Object v = Values.unbox(eval(u.operand()));
        if (u.op() == Expr.UnaryOp.NOT) {
            if (v instanceof Boolean b) {
                return !b;
            }
            throw new ExpressionException(u.column(), "! needs a boolean, not " + Values.typeName(v));
        }
        if (!Numbers.isNumber(v)) {
            throw new ExpressionException(u.column(), "- needs a number, not " + Values.typeName(v));
        }
        return Numbers.arithmetic(BinaryOp.SUB, 0, v, u.column());
    }

    private Object binary(Expr.Binary b) {
        BinaryOp op = b.op();
        if (op == BinaryOp.AND || op == BinaryOp.OR) {
            boolean left = bool(b.left(), op);
            if (left == (op == BinaryOp.OR)) {
                return left; // short-circuit, as in Java: the right side is not evaluated
            }
            return bool(b.right(), op);
        }
        Object left = eval(b.left());
        Object right = eval(b.right());
        switch (op) {
            case EQ:
                return equal(left, right, b);
            case NE:
                return !equal(left, right, b);
            case ADD:
                if (Values.isString(left) || Values.isString(right)) {
                    return text(left, b.left()) + text(right, b.right());
                }
                return numeric(op, left, right, b);
            default:
                return numeric(op, left, right, b);
        }
    }

    private boolean bool(Expr e, BinaryOp op) {
        Object v = Values.unbox(eval(e));
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException(e.column(), op.symbol + " needs booleans, not " + Values.typeName(v));
    }

    private static Object numeric(BinaryOp op, Object left, Object right, Expr.Binary b) {
        Object l = Values.unbox(left);
        Object r = Values.unbox(right);
        if (!Numbers.isNumber(l) || !Numbers.isNumber(r)) {
            throw new ExpressionException(b.column(), op.symbol + " needs numbers, not " + Values.typeName(l)
                    + " and " + Values.typeName(r));
        }
        return switch (op) {
            case LT -> Numbers.compare(l, r) < 0;
            case LE -> Numbers.compare(l, r) <= 0;
            case GT -> Numbers.compare(l, r) > 0;
            case GE -> Numbers.compare(l, r) >= 0;
            default -> Numbers.arithmetic(op, l, r, b.column());
        };
    }

    /**
     * Java's == with one difference: two strings compare by contents. A primitive on either side unboxes the other
     * (numeric promotion); two objects compare by identity; a string and another object are never equal.
     */
    private static boolean equal(Object left, Object right, Expr.Binary b) {
        if (left == null || right == null) {
            return left == right;
        }
        if (Values.isString(left) && Values.isString(right)) {
            return Values.string(left).equals(Values.string(right));
        }
        if (Values.isPrimitive(left) || Values.isPrimitive(right)) {
            Object l = Values.unbox(left);
            Object r = Values.unbox(right);
            if (Numbers.isNumber(l) && Numbers.isNumber(r)) {
                return Numbers.numericallyEqual(l, r);
            }
            if (l instanceof Boolean && r instanceof Boolean) {
                return l.equals(r);
            }
            throw new ExpressionException(b.column(), "cannot compare " + Values.typeName(l) + " with "
                    + Values.typeName(r));
        }
        return left.equals(right); // ObjectReference.equals is identity in the target
    }

    /** A value as string concatenation shows it, without invoking toString() in the target. */
    private static String text(Object v, Expr e) {
        Object u = Values.unbox(v);
        if (u == null || u instanceof String || Values.isPrimitive(u)) {
            return String.valueOf(u);
        }
        if (u instanceof StringReference s) {
            return s.value();
        }
        throw new ExpressionException(e.column(), "cannot concatenate a " + Values.typeName(u)
                + ": that would invoke its toString() in the target");
    }

    private Object instanceOf(Expr.InstanceOf i) {
        Object v = eval(i.operand());
        if (v == null) {
            return false;
        }
        if (v instanceof String) {
            return matchesAny(List.of("java.lang.String", "java.lang.Object", "java.lang.CharSequence",
                    "java.lang.Comparable", "java.io.Serializable"), i.className());
        }
        if (!(v instanceof ObjectReference o)) {
            throw new ExpressionException(i.column(), "instanceof needs an object, not " + Values.typeName(v));
        }
        return matchesAny(supertypes(o.referenceType()), i.className());
    }

    private static List<String> supertypes(ReferenceType type) {
        List<String> names = new ArrayList<>();
        names.add(type.name());
        if (type instanceof ClassType c) {
            for (ClassType k = c.superclass(); k != null; k = k.superclass()) {
                names.add(k.name());
            }
            c.allInterfaces().forEach(x -> names.add(x.name()));
        } else if (type instanceof InterfaceType t) {
            t.superinterfaces().forEach(x -> names.add(x.name()));
        } else {
            names.add("java.lang.Object");
        }
        return names;
    }

    /** As written: a binary name, a name with '.' for '$', or a simple name. */
    private static boolean matchesAny(List<String> binaryNames, String written) {
        for (String n : binaryNames) {
            String dotted = n.replace('$', '.');
            String simple = dotted.substring(dotted.lastIndexOf('.') + 1);
            if (n.equals(written) || dotted.equals(written) || (!written.contains(".") && simple.equals(written))) {
                return true;
            }
        }
        return false;
    }
}
