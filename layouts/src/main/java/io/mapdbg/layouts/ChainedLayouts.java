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
    /** Table elements read per request: a single JDWP array read of over 65,536 elements kills the target. */
    public static final int CHUNK = 16_384;

    private static final String[] NODE_FIELDS = {"hash", "key", "value", "next"};
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
                return (n - 1) & hash; // the stored hash is already spread: h ^ h >>> 16
            }
        };
        Object[] heads = new Object[Math.min(CHUNK, Math.max(n, 1))];
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            heap.copy(table, from, count, heads);
            if (!bounds.bounded()) {
                heap.readAhead(heads, count, node, treesPossible);
            }
            for (int i = 0; i < count; i++) {
                hashMapBin(heap, element(heads, i), from + i, treesPossible, walker, node, treeNode, tally);
            }
            tally.progress(progress == null ? Progress.NONE : progress, from + count);
        }
        walker.forget();
        return tally.finish("HashMap", size, numberOrNull(m.value(2)), floatOrNull(m.value(3)),
                intOrNull(m.value(4)), null, true);
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
        if (tree && !walker.cut) {
            try {
                String fault = TreeLinks.check(heap, head, walker.nodes, walker.parents, walker.lefts, walker.rights);
                if (fault != null) {
                    tally.problem("tree-links", bin, "tree bin " + bin + ": " + fault);
                }
            } catch (RuntimeException e) {
                tally.problem("tree-links", bin, "tree bin " + bin + ": " + e.getMessage());
            }
        }
        tally.bin(bin, length, tree ? "tree" : "chain", walker);
    }

    @SuppressWarnings("unchecked")
    static <O> O element(Object[] chunk, int i) {
        O element = (O) chunk[i];
        chunk[i] = null; // hold no node of the application past the walk
        return element;
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
