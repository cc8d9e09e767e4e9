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
import io.mapdbg.layouts.Bins;
import io.mapdbg.layouts.ChainedLayouts;
import io.mapdbg.layouts.IdentityLayout;
import io.mapdbg.layouts.MapLayouts;
import io.mapdbg.layouts.NotAMapException;
import io.mapdbg.layouts.TreeMapLayout;
import java.util.List;

/**
 * {@code len(x)}, {@code hash(key)} and {@code bin(map, key)}. Sizes and tables are read from fields, and a map's
 * layout, wrappers, size and bin rules are the shared layouts' (io.mapdbg.layouts, over {@link RefHeap}); hash codes of
 * strings and boxed primitives are computed here from their contents (their hashCode is specified). Any other key
 * needs {@code hashCode()} invoked in the target, which happens only with {@code invoke on}.
 */
final class Helpers {
    private static final String WEAK = ChainedLayouts.WEAK_HASH_MAP;
    private static final String IDENTITY = IdentityLayout.MAP;
    private static final String TREE = TreeMapLayout.TREE_MAP;
    private static final String SYNCHRONIZED = "java.util.Collections$SynchronizedMap";
    private static final RefHeap HEAP = new RefHeap();

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
            if (Values.extendsClass(o, TREE)) {
                return read(o, TREE, "size", e);
            }
            MapLayouts.Target<ObjectReference> map = layout(o, e);
            if (map != null) {
                return mapSize(map, e);
            }
            if (Values.extendsClass(o, SYNCHRONIZED)) {
                return len(read(o, SYNCHRONIZED, "m", e), e); // a synchronized TreeMap: no hash layout inside
            }
        }
        throw new ExpressionException(e.column(), "len() takes an array, a string or a JDK map, not "
                + Values.typeName(v));
    }

    /** What size() would return, read from fields as the layouts read it (ConcurrentHashMap: baseCount plus cells). */
    private static Object mapSize(MapLayouts.Target<ObjectReference> map, Expr e) {
        long size;
        try {
            size = MapLayouts.quickStats(HEAP, map, false).size;
        } catch (IllegalStateException noSuchField) {
            throw new ExpressionException(e.column(), noSuchField.getMessage());
        }
        return size < 0 ? 0 : size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size;
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

    /** The bin the map would put key in: its layout and wrappers, and each family's hash rule, are the layouts'. */
    private Object bin(Object mapValue, Expr mapExpr, Object key, Expr keyExpr) {
        MapLayouts.Target<ObjectReference> map = mapValue instanceof ObjectReference o ? layout(o, mapExpr) : null;
        if (map == null) {
            throw new ExpressionException(mapExpr.column(), "bin() takes a HashMap, LinkedHashMap, ConcurrentHashMap, "
                    + "Hashtable, WeakHashMap or IdentityHashMap, not " + Values.typeName(mapValue));
        }
        if (!(read(map.map, map.kind.className, "table", mapExpr) instanceof ArrayReference table)) {
            throw new ExpressionException(mapExpr.column(), "the map's table is not allocated yet (nothing was put): "
                    + "no bin");
        }
        int n = table.length();
        MapLayouts.Kind kind = map.kind;
        if (key == null && (kind == MapLayouts.Kind.CONCURRENT || kind == MapLayouts.Kind.HASHTABLE)) {
            throw new ExpressionException(keyExpr.column(), "a " + simple(kind.className) + " takes no null key");
        }
        if (kind != MapLayouts.Kind.IDENTITY) {
            // a WeakHashMap keeps a null key as its NULL_KEY object
            Object hashed = key == null && kind == MapLayouts.Kind.WEAK ? staticField(WEAK, "NULL_KEY") : key;
            return Bins.ofHashCode(kind, hash(hashed, keyExpr), n);
        }
        Object k = key == null ? staticField(IDENTITY, "NULL_KEY") : key;
        if (!(k instanceof ObjectReference o)) {
            throw new ExpressionException(keyExpr.column(), "an IdentityHashMap bins objects of the target by "
                    + "identity; " + Expressions.show(keyExpr) + " is a " + Values.typeName(k) + " made here");
        }
        return Bins.ofHashCode(kind, identityHash(o, keyExpr), n);
    }

    // ---- fields --------------------------------------------------------------------------------------------

    /** The hash-map layout of the object, wrappers (synchronized, unmodifiable, Properties) taken off; null when none. */
    private static MapLayouts.Target<ObjectReference> layout(ObjectReference o, Expr e) {
        if (!MapLayouts.knows(HEAP.classHierarchy(o))) {
            return null;
        }
        try {
            return MapLayouts.resolve(HEAP, o, null);
        } catch (NotAMapException notAHashMap) {
            return null; // a wrapper of a TreeMap, say
        } catch (IllegalStateException noSuchField) {
            throw new ExpressionException(e.column(), noSuchField.getMessage());
        }
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
