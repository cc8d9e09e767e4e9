package io.mapdbg.layouts;

/**
 * {@code java.util.concurrent.ConcurrentHashMap}: chains of Node; a head hash of -1 is a ForwardingNode (bin moved
 * to nextTable), -2 a TreeBin (its own lock; entries are TreeNodes), -3 a ReservationNode (a bin held by a running
 * compute). Size is baseCount plus the counter cells; mid-resize the table's count cannot match it.
 */
public final class ConcurrentLayout {
    public static final String MAP = "java.util.concurrent.ConcurrentHashMap";
    static final String NODE = MAP + "$Node";
    static final String TREE_BIN = MAP + "$TreeBin";
    static final String TREE_NODE = MAP + "$TreeNode";
    public static final String COUNTER_CELL = MAP + "$CounterCell";
    public static final String FORWARDING_NODE = MAP + "$ForwardingNode";
    public static final String RESERVATION_NODE = MAP + "$ReservationNode";
    public static final int MOVED = -1;
    public static final int TREEBIN = -2;
    public static final int RESERVED = -3;

    static final String[] NODE_FIELDS = {"hash", "key", "val", "next"};
    private static final String[] TREE_NODE_FIELDS = {"hash", "key", "val", "next", "parent", "left", "right"};

    private ConcurrentLayout() {
    }

    public static <O> LayoutReport walk(Heap<O> heap, O map, WalkBounds bounds, Progress progress) {
        Fields<O> m = heap.fields(MAP, "table", "nextTable", "sizeCtl", "transferIndex", "baseCount", "counterCells");
        m.at(map);
        O table = m.ref(0);
        O nextTable = m.ref(1);
        final int n = table == null ? 0 : heap.length(table);
        Tally<O> tally = new Tally<O>(heap, bounds, n);
        long baseCount = m.longValue(4);
        long cells = 0;
        try {
            cells = counterCellsSum(heap, m.ref(5));
        } catch (RuntimeException e) {
            tally.unreadable(-1, "counterCells", e);
        }
        long size = baseCount + cells;
        LayoutReport.Concurrent c = new LayoutReport.Concurrent();
        ChainWalk<O> walker = new ChainWalk<O>(heap, tally, size) {
            @Override
            int binOf(int hash) {
                return Bins.ofStored(MapLayouts.Kind.CONCURRENT, hash, n);
            }
        };
        Fields<O> node = heap.fields(NODE, NODE_FIELDS);
        Fields<O> treeNode = heap.fields(TREE_NODE, TREE_NODE_FIELDS);
        Fields<O> treeBin = heap.fields(TREE_BIN, "root", "first", "waiter", "lockState");
        Fields<O> thread = heap.fields("java.lang.Thread", "tid");
        TableChunks<O> heads = new TableChunks<O>(heap, table, n);
        while (heads.next()) {
            if (!bounds.bounded()) {
                heap.readAhead(heads.elements(), heads.count, node, false);
            }
            for (int i = 0; i < heads.count; i++) {
                bin(heap, heads.take(i), heads.from + i, walker, node, treeNode, treeBin, thread, tally, c);
            }
            tally.progress(progress == null ? Progress.NONE : progress, heads.from + heads.count);
        }
        walker.forget();
        c.sizeCtl = (int) m.longValue(2);
        c.transferIndex = (int) m.longValue(3);
        c.resizing = nextTable != null;
        try {
            c.nextTableLength = nextTable == null ? null : heap.length(nextTable);
        } catch (RuntimeException e) {
            tally.unreadable(-1, "nextTable", e);
        }
        c.baseCount = baseCount;
        c.counterCellsSum = cells;
        // before the first put sizeCtl holds the initial capacity, not a threshold
        Long threshold = c.sizeCtl > 0 && table != null ? Long.valueOf(c.sizeCtl) : null;
        // mid-resize the moved bins' entries live in nextTable, so this table's count cannot match size
        return tally.finish("ConcurrentHashMap", size, threshold, 0.75f, null, c, !c.resizing);
    }

    private static <O> void bin(Heap<O> heap, O element, int bin, ChainWalk<O> walker, Fields<O> node,
                                Fields<O> treeNode, Fields<O> treeBin, Fields<O> thread, Tally<O> tally,
                                LayoutReport.Concurrent c) {
        // past maxEntries a non-null head counts as non-empty without reading its hash (a request per bin):
        // ForwardingNode and ReservationNode heads there are counted as non-empty bins
        O head = ChainWalk.headToWalk(element, bin, tally);
        if (head == null) {
            return;
        }
        long read = headHash(head, bin, node, tally);
        if (read == UNREADABLE) {
            tally.bin(bin, 0, "chain", null);
            return;
        }
        int hash = (int) read;
        if (hash == MOVED) {
            c.forwardingNodes++;
            tally.special(bin, "forwarding");
        } else if (hash == RESERVED) {
            c.reservedBins.add(bin);
            tally.special(bin, "reservation");
        } else if (hash == TREEBIN) {
            treeBin(heap, head, bin, walker, treeNode, treeBin, thread, tally, c);
        } else {
            tally.bin(bin, walker.walk(head, bin, node, false, true), "chain", walker);
        }
    }

    /** What {@link #headHash} returns for a head that could not be read (reported to the tally already). */
    static final long UNREADABLE = Long.MIN_VALUE;

    /** The hash of a bin's head, node positioned on it (its kind: a Node, or MOVED, TREEBIN, RESERVED). */
    static <O> long headHash(O head, int bin, Fields<O> node, Tally<O> tally) {
        try {
            node.at(head);
            return node.intValue(ChainWalk.HASH);
        } catch (RuntimeException e) {
            tally.unreadable(bin, "head of bin " + bin, e);
            return UNREADABLE;
        }
    }

    private static <O> void treeBin(Heap<O> heap, O bin0, int bin, ChainWalk<O> walker, Fields<O> treeNode,
                                    Fields<O> treeBin, Fields<O> thread, Tally<O> tally, LayoutReport.Concurrent c) {
        O root;
        O first;
        try {
            treeBin.at(bin0);
            root = treeBin.ref(0);
            first = treeBin.ref(1);
            int lockState = treeBin.intValue(3);
            c.treeBinLocks.add(new LayoutReport.TreeBinLock(bin, lockState, threadId(thread, treeBin.ref(2))));
        } catch (RuntimeException e) {
            tally.unreadable(bin, "TreeBin of bin " + bin, e);
            tally.bin(bin, 0, "tree", null);
            return;
        }
        int length = walker.walk(first, bin, treeNode, true);
        TreeLinks.report(heap, root, walker, bin, tally);
        tally.bin(bin, length, "tree", walker);
    }

    /** The waiting writer's thread id; null when there is none or it cannot be read. */
    private static <O> Long threadId(Fields<O> thread, O waiter) {
        if (waiter == null) {
            return null;
        }
        try {
            thread.at(waiter);
            return ChainedLayouts.numberOrNull(thread.value(0));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sum of CounterCell.value; the cells exist only after contention, at most one per CPU or so. */
    public static <O> long counterCellsSum(Heap<O> heap, O cells) {
        if (cells == null) {
            return 0;
        }
        Fields<O> value = heap.fields(COUNTER_CELL, "value");
        TableChunks<O> chunks = new TableChunks<O>(heap, cells, heap.length(cells));
        long sum = 0;
        while (chunks.next()) {
            for (int i = 0; i < chunks.count; i++) {
                O cell = chunks.take(i);
                if (cell != null) {
                    value.at(cell);
                    sum += value.longValue(0);
                }
            }
        }
        return sum;
    }
}
