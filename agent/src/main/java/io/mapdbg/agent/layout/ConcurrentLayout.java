package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ConcurrentHashMap: chains of Node; a head hash of -1 is a ForwardingNode (bin moved to nextTable), -2 a TreeBin
 * (its own lock; entries are TreeNodes), -3 a ReservationNode (a bin held by a running compute).
 */
final class ConcurrentLayout {
    static final int MOVED = -1;
    static final int TREEBIN = -2;
    static final int RESERVED = -3;
    static final int WRITER = 1;
    static final int WAITER = 2;

    static final String MAP = "java.util.concurrent.ConcurrentHashMap";
    static final Field TABLE = Reflect.field(ConcurrentHashMap.class, "table");
    static final Field NEXT_TABLE = Reflect.field(ConcurrentHashMap.class, "nextTable");
    static final Field SIZE_CTL = Reflect.field(ConcurrentHashMap.class, "sizeCtl");
    static final Field TRANSFER_INDEX = Reflect.field(ConcurrentHashMap.class, "transferIndex");
    static final Field BASE_COUNT = Reflect.field(ConcurrentHashMap.class, "baseCount");
    static final Field COUNTER_CELLS = Reflect.field(ConcurrentHashMap.class, "counterCells");
    static final Field CELL_VALUE = Reflect.field(Reflect.type(MAP + "$CounterCell"), "value");
    static final ChainedLayouts.NodeFields NODE = new ChainedLayouts.NodeFields(Reflect.type(MAP + "$Node"), "key", "val");
    static final Class<?> TREE_BIN = Reflect.type(MAP + "$TreeBin");
    static final Field BIN_ROOT = Reflect.field(TREE_BIN, "root");
    static final Field BIN_FIRST = Reflect.field(TREE_BIN, "first");
    static final Field BIN_WAITER = Reflect.field(TREE_BIN, "waiter");
    static final Field BIN_LOCK_STATE = Reflect.field(TREE_BIN, "lockState");
    static final Class<?> TREE_NODE = Reflect.type(MAP + "$TreeNode");
    static final Field PARENT = Reflect.field(TREE_NODE, "parent");
    static final Field LEFT = Reflect.field(TREE_NODE, "left");
    static final Field RIGHT = Reflect.field(TREE_NODE, "right");

    private ConcurrentLayout() {
    }

    static LayoutResult walk(Object map, Options options) {
        Object[] table = (Object[]) Reflect.get(TABLE, map);
        Object[] nextTable = (Object[]) Reflect.get(NEXT_TABLE, map);
        final int n = table == null ? 0 : table.length;
        Tally tally = new Tally(options, n);
        long baseCount = Reflect.getLong(BASE_COUNT, map);
        long cells = 0;
        try {
            cells = counterCellsSum(map);
        } catch (RuntimeException e) {
            tally.unreadable(-1, "counterCells", e);
        }
        long size = baseCount + cells;
        LayoutResult.Concurrent c = new LayoutResult.Concurrent();
        ChainWalk.BinOf binOf = new ChainWalk.BinOf() {
            @Override
            public int of(int hash) {
                return (n - 1) & hash; // stored spread and masked to non-negative
            }
        };
        ChainWalk walker = new ChainWalk(tally, NODE, binOf, size);
        tally.sampler = sampler(table);
        for (int bin = 0; bin < n; bin++) {
            Object head = ChainWalk.headToWalk(table[bin], bin, tally);
            if (head == null) {
                continue;
            }
            int hash;
            try {
                hash = NODE.hash(head);
            } catch (RuntimeException e) {
                tally.unreadable(bin, "head of bin " + bin, e);
                tally.bin(new Tally.Bin(bin, 0, "chain", java.util.Collections.<Tally.Sample>emptyList()));
                continue;
            }
            if (hash == MOVED) {
                c.forwardingNodes++;
                tally.special(bin, "forwarding");
            } else if (hash == RESERVED) {
                c.reservedBins.add(bin);
                tally.special(bin, "reservation");
            } else if (hash == TREEBIN) {
                treeBin(head, bin, walker, tally, c);
            } else {
                tally.bin(bin, walker.walk(head, bin, false), "chain");
            }
        }
        c.sizeCtl = Reflect.getInt(SIZE_CTL, map);
        c.transferIndex = Reflect.getInt(TRANSFER_INDEX, map);
        c.resizing = nextTable != null;
        c.nextTableLength = nextTable == null ? null : nextTable.length;
        c.baseCount = baseCount;
        c.counterCellsSum = cells;
        Long threshold = c.sizeCtl > 0 && table != null ? Long.valueOf(c.sizeCtl) : null;
        return tally.finish("ConcurrentHashMap", size, threshold, 0.75f, null, c, !c.resizing);
    }

    private static void treeBin(Object treeBin, int bin, ChainWalk walker, Tally tally, LayoutResult.Concurrent c) {
        Object root;
        Object first;
        try {
            root = Reflect.get(BIN_ROOT, treeBin);
            first = Reflect.get(BIN_FIRST, treeBin);
            int lockState = Reflect.getInt(BIN_LOCK_STATE, treeBin);
            Object waiter = Reflect.get(BIN_WAITER, treeBin);
            c.treeBinLocks.add(new long[] {bin, lockState, waiter instanceof Thread ? ((Thread) waiter).getId() : -1});
        } catch (RuntimeException e) {
            tally.unreadable(bin, "TreeBin of bin " + bin, e);
            tally.bin(new Tally.Bin(bin, 0, "tree", java.util.Collections.<Tally.Sample>emptyList()));
            return;
        }
        int length = walker.walk(first, bin, true);
        if (!walker.cut) {
            ChainedLayouts.checkTree(root, walker.kept, bin, tally, PARENT, LEFT, RIGHT);
        }
        tally.bin(bin, length, "tree");
    }

    /** Samples of a shown bin: a chain from its head, a TreeBin's from its first node; special heads have none. */
    private static Tally.Sampler sampler(final Object[] table) {
        return new Tally.Sampler() {
            @Override
            public java.util.List<Tally.Sample> sample(int bin, int max) {
                Object head = table[bin];
                if (head == null) {
                    return java.util.Collections.emptyList();
                }
                if (head.getClass() == TREE_BIN) {
                    return ChainWalk.sample(Reflect.get(BIN_FIRST, head), NODE, max);
                }
                int hash = NODE.hash(head);
                return hash < 0 ? java.util.Collections.<Tally.Sample>emptyList() : ChainWalk.sample(head, NODE, max);
            }
        };
    }

    static long counterCellsSum(Object map) {
        Object[] cells = (Object[]) Reflect.get(COUNTER_CELLS, map);
        long sum = 0;
        if (cells != null) {
            for (Object cell : cells) {
                if (cell != null) {
                    sum += Reflect.getLong(CELL_VALUE, cell);
                }
            }
        }
        return sum;
    }
}
