package io.mapdbg.layouts;

import java.util.List;

/**
 * The entry to the layout rules: finds a map's layout by its class hierarchy (so application subclasses work),
 * takes off synchronizedMap, unmodifiableMap and Properties wrappers, and walks or counts it. The CLI (over JDWP)
 * and the agent (in the target) both start here.
 */
public final class MapLayouts {
    static final String SYNCHRONIZED_MAP = "java.util.Collections$SynchronizedMap";
    static final String UNMODIFIABLE_MAP = "java.util.Collections$UnmodifiableMap";
    static final String PROPERTIES = "java.util.Properties";
    /** Wrappers of wrappers are legal; a cycle of them (a corrupt heap) must not loop forever. */
    private static final int MAX_WRAPPERS = 8;

    /** The layout families, by the JDK class each starts from. */
    public enum Kind {
        HASH_MAP(ChainedLayouts.HASH_MAP), CONCURRENT(ConcurrentLayout.MAP), HASHTABLE(ChainedLayouts.HASHTABLE),
        WEAK(ChainedLayouts.WEAK_HASH_MAP), IDENTITY(IdentityLayout.MAP);

        public final String className;

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

    /** A map once wrappers came off: its layout, the object walked, its class, the outermost wrapper, the path followed. */
    public static final class Target<O> {
        public final Kind kind;
        public final O map;
        public final String className;
        public final String wrapper;
        public final String path;

        Target(Kind kind, O map, String className, String wrapper, String path) {
            this.kind = kind;
            this.map = map;
            this.className = className;
            this.wrapper = wrapper;
            this.path = path;
        }
    }

    /** Size and table length read without walking; nonEmptyBins (null unless asked) counts heads holding entries. */
    public static final class QuickStats {
        public final long size;
        public final int capacity;
        public final Integer nonEmptyBins;

        QuickStats(long size, int capacity, Integer nonEmptyBins) {
            this.size = size;
            this.capacity = capacity;
            this.nonEmptyBins = nonEmptyBins;
        }
    }

    private MapLayouts() {
    }

    /** Whether a class (by its hierarchy, most derived first) is a layout or a wrapper this module knows. */
    public static boolean knows(List<String> hierarchy) {
        for (String name : hierarchy) {
            if (Kind.of(name) != null || isWrapper(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWrapper(String name) {
        return name.equals(SYNCHRONIZED_MAP) || name.equals(UNMODIFIABLE_MAP) || name.equals(PROPERTIES);
    }

    /**
     * The layout of a map, wrappers taken off; path (may be null) is the static path it was found by.
     *
     * @throws NotAMapException when neither the class nor a superclass is a layout or wrapper this module knows
     */
    public static <O> Target<O> resolve(Heap<O> heap, O map, String path) {
        O current = map;
        String currentPath = path;
        String wrapper = null;
        for (int depth = 0; depth <= MAX_WRAPPERS; depth++) {
            List<String> hierarchy = heap.classHierarchy(current);
            String name = hierarchy.isEmpty() ? "?" : hierarchy.get(0);
            String unwrapField = null;
            for (String cls : hierarchy) {
                Kind kind = Kind.of(cls);
                if (kind != null) {
                    return new Target<O>(kind, current, name, wrapper, currentPath);
                }
                if (cls.equals(SYNCHRONIZED_MAP) || cls.equals(UNMODIFIABLE_MAP)) {
                    unwrapField = "m";
                } else if (cls.equals(PROPERTIES)) {
                    unwrapField = "map";
                } else {
                    continue;
                }
                Fields<O> f = heap.fields(cls, unwrapField);
                f.at(current);
                O inner = f.ref(0);
                if (inner == null && cls.equals(PROPERTIES)) {
                    // JDK 8 Properties has no map field: its entries are in the Hashtable it extends
                    return new Target<O>(Kind.HASHTABLE, current, name, wrapper, currentPath);
                }
                if (inner == null) {
                    throw new NotAMapException(name + " wraps no map (field " + unwrapField + " is null)");
                }
                // the outermost wrapper is the one the user pointed at
                wrapper = wrapper == null ? name : wrapper;
                currentPath = currentPath == null ? null : currentPath + "." + unwrapField;
                current = inner;
                break;
            }
            if (unwrapField == null) {
                throw new NotAMapException(name + " is not a hash map mapdbg can decode"
                        + " (HashMap, LinkedHashMap, ConcurrentHashMap, Hashtable, WeakHashMap, IdentityHashMap"
                        + " or a synchronized/unmodifiable wrapper of one)");
            }
        }
        throw new NotAMapException("more than " + MAX_WRAPPERS + " nested map wrappers at " + heap.id(map));
    }

    /** Walks a resolved map: never throws for a corrupt map (problems go into the report). */
    public static <O> LayoutReport walk(Heap<O> heap, Target<O> target, WalkBounds bounds, Progress progress) {
        switch (target.kind) {
            case HASH_MAP: return ChainedLayouts.hashMap(heap, target.map, bounds, progress);
            case CONCURRENT: return ConcurrentLayout.walk(heap, target.map, bounds, progress);
            case HASHTABLE: return ChainedLayouts.hashtable(heap, target.map, bounds, progress);
            case WEAK: return ChainedLayouts.weakHashMap(heap, target.map, bounds, progress);
            default: return IdentityLayout.walk(heap, target.map, bounds, progress);
        }
    }

    /**
     * Size and capacity in one field read and one array length, for a census of thousands; non-empty bins, when
     * asked, read the table in chunks (a ConcurrentHashMap's ForwardingNode and ReservationNode heads hold no entry
     * and are left out: counted, they made collisions, size minus non-empty bins, negative).
     */
    public static <O> QuickStats quickStats(Heap<O> heap, Target<O> target, boolean countNonEmptyBins) {
        O map = target.map;
        long size;
        O table;
        int stride = 1;
        boolean concurrent = false;
        switch (target.kind) {
            case CONCURRENT: {
                Fields<O> f = heap.fields(ConcurrentLayout.MAP, "baseCount", "counterCells", "table");
                f.at(map);
                size = f.longValue(0) + ConcurrentLayout.counterCellsSum(heap, f.ref(1));
                table = f.ref(2);
                concurrent = true;
                break;
            }
            case HASHTABLE: {
                Fields<O> f = heap.fields(ChainedLayouts.HASHTABLE, "count", "table");
                f.at(map);
                size = f.longValue(0);
                table = f.ref(1);
                break;
            }
            default: {
                Fields<O> f = heap.fields(target.kind.className, "size", "table");
                f.at(map);
                size = f.longValue(0);
                table = f.ref(1);
                stride = target.kind == Kind.IDENTITY ? 2 : 1; // key,value pairs: capacity is half the length
            }
        }
        int length = table == null ? 0 : heap.length(table);
        if (!countNonEmptyBins) {
            return new QuickStats(size, length / stride, null);
        }
        // the class of each head is read only where special nodes may exist at all
        boolean specials = concurrent && (heap.mayContain(ConcurrentLayout.FORWARDING_NODE)
                || heap.mayContain(ConcurrentLayout.RESERVATION_NODE));
        int nonEmpty = 0;
        TableChunks<O> heads = new TableChunks<O>(heap, table, length);
        while (heads.next()) {
            for (int i = 0; i < heads.count; i++) {
                O head = heads.take(i);
                if (head != null && (heads.from + i) % stride == 0 && !(specials && isSpecial(heap, head))) {
                    nonEmpty++;
                }
            }
        }
        return new QuickStats(size, length / stride, nonEmpty);
    }

    private static <O> boolean isSpecial(Heap<O> heap, O head) {
        String name = heap.className(head);
        return name.equals(ConcurrentLayout.FORWARDING_NODE) || name.equals(ConcurrentLayout.RESERVATION_NODE);
    }
}
