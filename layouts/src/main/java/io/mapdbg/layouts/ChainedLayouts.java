package io.mapdbg.layouts;

/**
 * HashMap (and LinkedHashMap, with tree bins), Hashtable and WeakHashMap: tables of chained nodes, walked bin by
 * bin in chunks of the table. Each family differs only in its field names, where a hash belongs, and its key.
 */
public final class ChainedLayouts {
    public static final String HASH_MAP = "java.util.HashMap";
    static final String NODE = "java.util.HashMap$Node";
    public static final String TREE_NODE = "java.util.HashMap$TreeNode";
    /** HashMap.MIN_TREEIFY_CAPACITY: a smaller table resizes instead of treeifying, so it has no tree bins. */
    static final int MIN_TREEIFY_CAPACITY = 64;

    public static final String HASHTABLE = "java.util.Hashtable";
    static final String HASHTABLE_ENTRY = "java.util.Hashtable$Entry";
    public static final String WEAK_HASH_MAP = "java.util.WeakHashMap";
    static final String WEAK_ENTRY = "java.util.WeakHashMap$Entry";

    static final String[] NODE_FIELDS = {"hash", "key", "value", "next"};
    /** A WeakHashMap entry's key is its weak referent (inherited from Reference). */
    static final String[] WEAK_ENTRY_FIELDS = {"hash", "referent", "value", "next"};
    private static final String[] TREE_NODE_FIELDS = {"hash", "key", "value", "next", "parent", "left", "right"};

    private ChainedLayouts() {
    }

    /** A HashMap or LinkedHashMap (or a subclass): chains of Node, tree bins of TreeNode. */
    public static <O> LayoutReport hashMap(Heap<O> heap, O map, WalkBounds bounds, Progress progress) {
        Fields<O> m = heap.fields(HASH_MAP, "table", "size", "threshold", "loadFactor", "modCount");
        m.at(map);
        O table = m.ref(0);
        long size = m.longValue(1);
        final int n = table == null ? 0 : heap.length(table);
        Tally<O> tally = new Tally<O>(heap, bounds, n);
        Fields<O> node = heap.fields(NODE, NODE_FIELDS);
        Fields<O> treeNode = heap.fields(TREE_NODE, TREE_NODE_FIELDS);
        // className() is a round trip per head over JDWP: ask only where a tree bin can exist at all
        boolean treesPossible = n >= MIN_TREEIFY_CAPACITY && heap.mayContain(TREE_NODE);
        ChainWalk<O> walker = new ChainWalk<O>(heap, tally, size) {
            @Override
            int binOf(int hash) {
                return Bins.ofStored(MapLayouts.Kind.HASH_MAP, hash, n);
            }
        };
        TableChunks<O> heads = new TableChunks<O>(heap, table, n);
        while (heads.next()) {
            if (!bounds.bounded()) {
                heap.readAhead(heads.elements(), heads.count, node, treesPossible);
            }
            for (int i = 0; i < heads.count; i++) {
                hashMapBin(heap, heads.take(i), heads.from + i, treesPossible, walker, node, treeNode, tally);
            }
            tally.progress(progress == null ? Progress.NONE : progress, heads.from + heads.count);
        }
        walker.forget();
        return tally.finish("HashMap", size, numberOrNull(m.value(2)), floatOrNull(m.value(3)),
                intOrNull(m.value(4)), null, true);
    }

    /** A Hashtable (and JDK 8 Properties): chains of Hashtable$Entry, bin by modulo of the raw hashCode. */
    public static <O> LayoutReport hashtable(Heap<O> heap, O map, WalkBounds bounds, Progress progress) {
        Fields<O> m = heap.fields(HASHTABLE, "table", "count", "threshold", "loadFactor", "modCount");
        m.at(map);
        O table = m.ref(0);
        long size = m.longValue(1);
        final int n = table == null ? 0 : heap.length(table);
        Tally<O> tally = new Tally<O>(heap, bounds, n);
        ChainWalk<O> walker = new ChainWalk<O>(heap, tally, size) {
            @Override
            int binOf(int hash) {
                return Bins.ofStored(MapLayouts.Kind.HASHTABLE, hash, n);
            }
        };
        chains(heap, table, n, heap.fields(HASHTABLE_ENTRY, NODE_FIELDS), walker, tally, bounds, progress);
        return tally.finish("Hashtable", size, numberOrNull(m.value(2)), floatOrNull(m.value(3)),
                intOrNull(m.value(4)), null, true);
    }

    /**
     * A WeakHashMap: chains of WeakHashMap$Entry whose key is the weak referent. A cleared referent is a stale
     * entry, still in the table and in size until the map next expunges: it counts as an entry, shown "(cleared)".
     */
    public static <O> LayoutReport weakHashMap(Heap<O> heap, O map, WalkBounds bounds, Progress progress) {
        // NULL_KEY is static: read along with the instance fields so a null key previews as null
        Fields<O> m = heap.fields(WEAK_HASH_MAP, "table", "size", "threshold", "loadFactor", "modCount", "NULL_KEY");
        m.at(map);
        O table = m.ref(0);
        long size = m.longValue(1);
        final O nullKey = m.ref(5);
        final int n = table == null ? 0 : heap.length(table);
        Tally<O> tally = new Tally<O>(heap, bounds, n);
        final Heap<O> h = heap;
        ChainWalk<O> walker = new ChainWalk<O>(heap, tally, size) {
            @Override
            int binOf(int hash) {
                return Bins.ofStored(MapLayouts.Kind.WEAK, hash, n);
            }

            @Override
            Object key(Fields<O> entry) {
                return weakKey(h, entry.ref(KEY), nullKey);
            }
        };
        chains(heap, table, n, heap.fields(WEAK_ENTRY, WEAK_ENTRY_FIELDS), walker, tally, bounds, progress);
        return tally.finish("WeakHashMap", size, numberOrNull(m.value(2)), floatOrNull(m.value(3)),
                intOrNull(m.value(4)), null, true);
    }

    /** Walks every bin of a table of plain chains (no tree bins), chunk by chunk. */
    private static <O> void chains(Heap<O> heap, O table, int n, Fields<O> node, ChainWalk<O> walker, Tally<O> tally,
                                   WalkBounds bounds, Progress progress) {
        TableChunks<O> heads = new TableChunks<O>(heap, table, n);
        while (heads.next()) {
            if (!bounds.bounded()) {
                heap.readAhead(heads.elements(), heads.count, node, false);
            }
            for (int i = 0; i < heads.count; i++) {
                int bin = heads.from + i;
                O head = ChainWalk.headToWalk(heads.take(i), bin, tally);
                if (head != null) {
                    tally.bin(bin, walker.walk(head, bin, node, false), "chain", walker);
                }
            }
            tally.progress(progress == null ? Progress.NONE : progress, heads.from + heads.count);
        }
        walker.forget();
    }

    private static <O> void hashMapBin(Heap<O> heap, O element, int bin, boolean treesPossible, ChainWalk<O> walker,
                                       Fields<O> node, Fields<O> treeNode, Tally<O> tally) {
        O head = ChainWalk.headToWalk(element, bin, tally);
        if (head == null) {
            return;
        }
        boolean tree;
        try {
            tree = treesPossible && TREE_NODE.equals(heap.className(head));
        } catch (RuntimeException e) {
            tally.unreadable(bin, "head of bin " + bin, e);
            tally.bin(bin, 0, "chain", null);
            return;
        }
        int length = walker.walk(head, bin, tree ? treeNode : node, tree);
        if (tree) {
            TreeLinks.report(heap, head, walker, bin, tally);
        }
        tally.bin(bin, length, tree ? "tree" : "chain", walker);
    }

    /** A WeakHashMap entry's key: its referent, {@link KeyMark#CLEARED} once collected, NULL for the map's null key. */
    static <O> Object weakKey(Heap<O> heap, O referent, O nullKey) {
        return referent == null ? KeyMark.CLEARED
                : nullKey != null && heap.same(referent, nullKey) ? KeyMark.NULL : referent;
    }

    static Long numberOrNull(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : null;
    }

    static Integer intOrNull(Object value) {
        return value instanceof Number ? ((Number) value).intValue() : null;
    }

    static Float floatOrNull(Object value) {
        return value instanceof Float ? (Float) value : null;
    }
}
