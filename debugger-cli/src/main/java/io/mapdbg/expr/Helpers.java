package io.mapdbg.expr;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.InvocationException;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.Value;
import java.util.List;

/**
 * {@code len(x)}, {@code hash(key)} and {@code bin(map, key)}. Sizes and tables are read from fields; hash codes of
 * strings and boxed primitives are computed here from their contents (their hashCode is specified). Any other key
 * needs {@code hashCode()} invoked in the target, which happens only with {@code invoke on}.
 */
final class Helpers {
    private static final String HASH_MAP = "java.util.HashMap";
    private static final String CHM = "java.util.concurrent.ConcurrentHashMap";
    private static final String HASHTABLE = "java.util.Hashtable";
    private static final String WEAK = "java.util.WeakHashMap";
    private static final String IDENTITY = "java.util.IdentityHashMap";
    private static final String TREE = "java.util.TreeMap";
    private static final String SYNCHRONIZED = "java.util.Collections$SynchronizedMap";
    private static final List<String> FAMILIES = List.of(HASH_MAP, CHM, HASHTABLE, WEAK, IDENTITY, TREE, SYNCHRONIZED);

    private final Evaluator evaluator;
    private final Scope scope;

    Helpers(Evaluator evaluator, Scope scope) {
        this.evaluator = evaluator;
        this.scope = scope;
    }

    Object call(Expr.Call c) {
        List<Expr> args = c.arguments();
        return switch (c.helper()) {
            case LEN -> len(evaluator.eval(args.get(0)), args.get(0));
            case HASH -> hash(evaluator.eval(args.get(0)), args.get(0));
            case BIN -> bin(evaluator.eval(args.get(0)), args.get(0), evaluator.eval(args.get(1)), args.get(1));
        };
    }

    // ---- len -----------------------------------------------------------------------------------------------

    private Object len(Object v, Expr e) {
        if (v == null) {
            throw new ExpressionException(e.column(), "len(null): " + Expressions.show(e) + " is null");
        }
        if (v instanceof ArrayReference a) {
            return a.length();
        }
        if (Values.isString(v)) {
            return Values.string(v).length();
        }
        if (v instanceof ObjectReference o) {
            String family = family(o);
            if (family != null) {
                return mapSize(o, family, e);
            }
        }
        throw new ExpressionException(e.column(), "len() takes an array, a string or a JDK map, not "
                + Values.typeName(v));
    }

    /** What size() would return, read from fields: ConcurrentHashMap sums baseCount and its counter cells. */
    private Object mapSize(ObjectReference map, String family, Expr e) {
        switch (family) {
            case CHM: {
                long sum = Numbers.toLong(read(map, CHM, "baseCount", e));
                if (read(map, CHM, "counterCells", e) instanceof ArrayReference cells) {
                    for (Value cell : cells.getValues()) { // at most one cell per CPU: small
                        if (cell instanceof ObjectReference c) {
                            sum += Numbers.toLong(read(c, c.referenceType().name(), "value", e));
                        }
                    }
                }
                return sum < 0 ? 0 : sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
            }
            case HASHTABLE:
                return read(map, HASHTABLE, "count", e);
            case SYNCHRONIZED:
                return len(read(map, SYNCHRONIZED, "m", e), e);
            default:
                return read(map, family, "size", e);
        }
    }

    // ---- hash ----------------------------------------------------------------------------------------------

    /** key.hashCode(), or 0 for null (as Objects.hashCode). */
    private int hash(Object key, Expr e) {
        if (key == null) {
            return 0;
        }
        if (Values.isString(key)) {
            return Values.string(key).hashCode(); // String.hashCode is specified: s[0]*31^(n-1) + ... + s[n-1]
        }
        Object v = Values.unbox(key);
        if (Values.isPrimitive(v)) {
            return v.hashCode(); // Integer, Long, Boolean, ... hashCode are specified from the value alone
        }
        ObjectReference o = (ObjectReference) v;
        requireInvoke(e, "hash(" + Expressions.show(e) + ") of a " + o.referenceType().name(), "hashCode()");
        Method hashCode = ((ClassType) o.referenceType()).concreteMethodByName("hashCode", "()I");
        return invoke(e, "hashCode()", () -> o.invokeMethod(scope.thread(), hashCode, List.of(),
                ObjectReference.INVOKE_SINGLE_THREADED));
    }

    private int identityHash(ObjectReference o, Expr e) {
        requireInvoke(e, "the bin of a key in an IdentityHashMap", "System.identityHashCode()");
        ClassType system = (ClassType) scope.vm().classesByName("java.lang.System").get(0);
        Method identity = system.concreteMethodByName("identityHashCode", "(Ljava/lang/Object;)I");
        return invoke(e, "System.identityHashCode()", () -> system.invokeMethod(scope.thread(), identity, List.of(o),
                ObjectReference.INVOKE_SINGLE_THREADED));
    }

    private void requireInvoke(Expr e, String what, String method) {
        if (!scope.invokeAllowed()) {
            throw new ExpressionException(e.column(), what + " would need to invoke " + method + " in the target; "
                    + "no method is invoked unless you allow it with: invoke on");
        }
        if (scope.thread() == null) {
            throw new ExpressionException(e.column(), what + " needs " + method
                    + " invoked on a thread stopped at a breakpoint; none is selected");
        }
    }

    private interface Invocation {
        Value run() throws Exception;
    }

    private int invoke(Expr e, String method, Invocation invocation) {
        try {
            return ((IntegerValue) invocation.run()).value();
        } catch (IncompatibleThreadStateException ex) {
            throw new ExpressionException(e.column(), method + " can be invoked only on a thread suspended by an "
                    + "event (a breakpoint), not by suspend", ex);
        } catch (InvocationException ex) {
            throw new ExpressionException(e.column(), method + " threw " + ex.exception().referenceType().name()
                    + " in the target", ex);
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new ExpressionException(e.column(), "cannot invoke " + method + ": " + ex, ex);
        }
    }

    // ---- bin -----------------------------------------------------------------------------------------------

    private Object bin(Object mapValue, Expr mapExpr, Object key, Expr keyExpr) {
        Object unwrapped = mapValue;
        while (unwrapped instanceof ObjectReference o && SYNCHRONIZED.equals(family(o))) {
            unwrapped = read(o, SYNCHRONIZED, "m", mapExpr);
        }
        String family = unwrapped instanceof ObjectReference o ? family(o) : null;
        if (family == null || family.equals(TREE) || family.equals(SYNCHRONIZED)) {
            throw new ExpressionException(mapExpr.column(), "bin() takes a HashMap, LinkedHashMap, ConcurrentHashMap, "
                    + "Hashtable, WeakHashMap or IdentityHashMap, not " + Values.typeName(mapValue));
        }
        ObjectReference map = (ObjectReference) unwrapped;
        if (!(read(map, family, "table", mapExpr) instanceof ArrayReference table)) {
            throw new ExpressionException(mapExpr.column(), "the map's table is not allocated yet (nothing was put): "
                    + "no bin");
        }
        int n = table.length();
        if (key == null && (family.equals(CHM) || family.equals(HASHTABLE))) {
            throw new ExpressionException(keyExpr.column(), "a " + simple(family) + " takes no null key");
        }
        switch (family) {
            case HASH_MAP: {
                int h = hash(key, keyExpr);
                return (n - 1) & (h ^ (h >>> 16));
            }
            case CHM: {
                int h = hash(key, keyExpr);
                return (n - 1) & ((h ^ (h >>> 16)) & 0x7fffffff);
            }
            case HASHTABLE:
                return (hash(key, keyExpr) & 0x7FFFFFFF) % n;
            case WEAK: {
                // WeakHashMap.hash (JDK 8 to 25): h ^= (h >>> 20) ^ (h >>> 12); h ^ (h >>> 7) ^ (h >>> 4); a null key is NULL_KEY
                int h = hash(key == null ? staticField(WEAK, "NULL_KEY") : key, keyExpr);
                h ^= (h >>> 20) ^ (h >>> 12);
                return (h ^ (h >>> 7) ^ (h >>> 4)) & (n - 1);
            }
            default: {
                // IdentityHashMap.hash: ((h << 1) - (h << 8)) & (length - 1), h the identity hash; the index of the key slot
                Object k = key == null ? staticField(IDENTITY, "NULL_KEY") : key;
                if (!(k instanceof ObjectReference o)) {
                    throw new ExpressionException(keyExpr.column(), "an IdentityHashMap bins objects of the target by "
                            + "identity; " + Expressions.show(keyExpr) + " is a " + Values.typeName(k) + " made here");
                }
                int h = identityHash(o, keyExpr);
                return ((h << 1) - (h << 8)) & (n - 1);
            }
        }
    }

    // ---- fields --------------------------------------------------------------------------------------------

    /** The first of the known map classes that the object's class is or extends; null when none. */
    private static String family(ObjectReference o) {
        for (ReferenceType t = o.referenceType(); t instanceof ClassType c; t = c.superclass()) {
            if (FAMILIES.contains(c.name())) {
                return c.name();
            }
        }
        return null;
    }

    private static Object read(ObjectReference o, String declaringClass, String name, Expr e) {
        Field f = Values.field(o, declaringClass, name);
        if (f == null) {
            throw new ExpressionException(e.column(), "no field " + name + " in " + declaringClass
                    + " of this JDK: cannot read it");
        }
        return Values.read(o, f);
    }

    private Object staticField(String className, String name) {
        ReferenceType type = scope.vm().classesByName(className).get(0);
        return Values.of(type.getValue(type.fieldByName(name)));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
