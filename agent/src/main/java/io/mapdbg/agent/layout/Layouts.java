package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;

import java.lang.reflect.Field;

/**
 * Entry point of the in-process layouts: picks the walk by the map's class hierarchy (so subclasses work),
 * unwraps synchronizedMap, unmodifiableMap and Properties as the JDWP path does, and walks.
 */
public final class Layouts {
    static final String SYNCHRONIZED_MAP = "java.util.Collections$SynchronizedMap";
    static final String UNMODIFIABLE_MAP = "java.util.Collections$UnmodifiableMap";
    static final String PROPERTIES = "java.util.Properties";
    private static final int MAX_WRAPPERS = 8;

    /** The map families walked, by the class each starts from. */
    enum Kind {
        HASH_MAP("java.util.HashMap"), CONCURRENT("java.util.concurrent.ConcurrentHashMap"),
        HASHTABLE("java.util.Hashtable"), WEAK("java.util.WeakHashMap"), IDENTITY("java.util.IdentityHashMap");

        final String className;

        Kind(String className) {
            this.className = className;
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.className.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A map after wrappers came off: the object walked, its walk, the outermost wrapper and the path followed. */
    static final class Target {
        final Kind kind;
        final Object map;
        final String wrapper;
        final String path;

        Target(Kind kind, Object map, String wrapper, String path) {
            this.kind = kind;
            this.map = map;
            this.wrapper = wrapper;
            this.path = path;
        }
    }

    private Layouts() {
    }

    /** True when the object is a map this agent can walk (directly or through wrappers). */
    public static boolean isMap(Object o) {
        if (!(o instanceof java.util.Map)) {
            return false;
        }
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (Kind.of(name) != null || name.equals(SYNCHRONIZED_MAP) || name.equals(UNMODIFIABLE_MAP)
                    || name.equals(PROPERTIES)) {
                return true;
            }
        }
        return false;
    }

    static LayoutResult walk(Object map, String path, Options options) {
        Target t = resolve(map, path);
        long started = System.nanoTime();
        LayoutResult r;
        switch (t.kind) {
            case HASH_MAP: r = ChainedLayouts.hashMap(t.map, options); break;
            case CONCURRENT: r = ConcurrentLayout.walk(t.map, options); break;
            case HASHTABLE: r = ChainedLayouts.hashtable(t.map, options); break;
            case WEAK: r = ChainedLayouts.weakHashMap(t.map, options); break;
            default: r = IdentityLayout.walk(t.map, options); break;
        }
        r.walkNanos = System.nanoTime() - started;
        r.id = ObjectIds.get().idOf(t.map);
        r.className = t.map.getClass().getName();
        r.path = t.path;
        r.wrapper = t.wrapper;
        return r;
    }

    /** Size and table length without walking; nonEmptyBins counts heads that hold entries (not CHM specials). */
    static long[] quickStats(Object map) {
        Target t = resolve(map, null);
        Object o = t.map;
        Object[] table;
        long size;
        int stride = 1;
        switch (t.kind) {
            case HASH_MAP:
                table = (Object[]) Reflect.get(ChainedLayouts.HashMapFields.TABLE, o);
                size = Reflect.getInt(ChainedLayouts.HashMapFields.SIZE, o);
                break;
            case CONCURRENT:
                table = (Object[]) Reflect.get(ConcurrentLayout.TABLE, o);
                size = Reflect.getLong(ConcurrentLayout.BASE_COUNT, o) + ConcurrentLayout.counterCellsSum(o);
                break;
            case HASHTABLE:
                table = (Object[]) Reflect.get(ChainedLayouts.HashtableFields.TABLE, o);
                size = Reflect.getInt(ChainedLayouts.HashtableFields.COUNT, o);
                break;
            case WEAK:
                table = (Object[]) Reflect.get(ChainedLayouts.WeakFields.TABLE, o);
                size = Reflect.getInt(ChainedLayouts.WeakFields.SIZE, o);
                break;
            default:
                table = (Object[]) Reflect.get(IdentityLayout.TABLE, o);
                size = Reflect.getInt(IdentityLayout.SIZE, o);
                stride = 2;
        }
        int nonEmpty = 0;
        if (table != null) {
            for (int i = 0; i < table.length; i += stride) {
                Object head = table[i];
                if (head != null && !(t.kind == Kind.CONCURRENT && isSpecial(head))) {
                    nonEmpty++;
                }
            }
        }
        return new long[] {size, table == null ? 0 : table.length / stride, nonEmpty};
    }

    private static boolean isSpecial(Object head) {
        int hash = Reflect.getInt(ConcurrentLayout.NODE_HASH, head);
        return hash == ConcurrentLayout.MOVED || hash == ConcurrentLayout.RESERVED;
    }

    /** The unwrapped map a wrapper holds (the map itself when it is none). */
    static Object inner(Object map) {
        return resolve(map, null).map;
    }

    static Target resolve(Object map, String path) {
        Object current = map;
        String currentPath = path;
        String wrapper = null;
        for (int depth = 0; depth <= MAX_WRAPPERS; depth++) {
            String name = current.getClass().getName();
            String unwrapField = null;
            for (Class<?> c = current.getClass(); c != null; c = c.getSuperclass()) {
                String cls = c.getName();
                Kind kind = Kind.of(cls);
                if (kind != null) {
                    return new Target(kind, current, wrapper, currentPath);
                }
                if (cls.equals(SYNCHRONIZED_MAP) || cls.equals(UNMODIFIABLE_MAP)) {
                    unwrapField = "m";
                } else if (cls.equals(PROPERTIES)) {
                    unwrapField = "map";
                } else {
                    continue;
                }
                Field f = Reflect.optionalField(c, unwrapField);
                Object inner = f == null ? null : Reflect.get(f, current);
                if (inner == null && cls.equals(PROPERTIES)) {
                    return new Target(Kind.HASHTABLE, current, wrapper, currentPath); // JDK 8: entries in itself
                }
                if (inner == null) {
                    throw new IllegalArgumentException(name + " wraps no map (field " + unwrapField + " is null)");
                }
                wrapper = wrapper == null ? name : wrapper;
                currentPath = currentPath == null ? null : currentPath + "." + unwrapField;
                current = inner;
                break;
            }
            if (unwrapField == null) {
                throw new IllegalArgumentException(name + " is not a hash map mapdbg can decode"
                        + " (HashMap, LinkedHashMap, ConcurrentHashMap, Hashtable, WeakHashMap, IdentityHashMap"
                        + " or a synchronized/unmodifiable wrapper of one)");
            }
        }
        throw new IllegalArgumentException("more than " + MAX_WRAPPERS + " nested map wrappers");
    }
}
