package io.mapdbg.inspect;

import io.mapdbg.inspect.LayoutTally.Bin;
import io.mapdbg.inspect.NodeChain.Node;
import io.mapdbg.inspect.NodeChain.Walk;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.ConcurrentState;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.ResizeState;
import io.mapdbg.model.TreeBinLock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java.util.concurrent.ConcurrentHashMap}: chains of {@code Node}; a head hash of -1 is a ForwardingNode
 * (bin moved to nextTable), -2 a TreeBin (its own lock, entries are TreeNodes), -3 a ReservationNode.
 */
final class ConcurrentHashMapDecoder implements LayoutDecoder {
    private static final String[] NODE_FIELDS = {"hash", "key", "val", "next"};


    static final String MAP = "java.util.concurrent.ConcurrentHashMap";
    static final String NODE = MAP + "$Node";
    static final String TREE_BIN = MAP + "$TreeBin";
    static final String TREE_NODE = MAP + "$TreeNode";
    static final String COUNTER_CELL = MAP + "$CounterCell";
    static final String FORWARDING_NODE = MAP + "$ForwardingNode";
    static final String RESERVATION_NODE = MAP + "$ReservationNode";
    static final int MOVED = -1;
    static final int TREEBIN = -2;
    static final int RESERVED = -3;
    static final int WRITER = 1;
    static final int WAITER = 2;

    @Override
    public String layout() {
        return "ConcurrentHashMap";
    }

    /** What a walk of the table finds besides entries. */
    private static final class Specials {
        int forwarding;
        final List<Integer> reserved = new ArrayList<>();
        final List<TreeBinLock> locks = new ArrayList<>();
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        Map<String, Object> fields = map.read(MAP, "table", "nextTable", "sizeCtl", "transferIndex", "baseCount", "counterCells");
        HeapObject table = NodeChain.object(fields.get("table"));
        HeapObject nextTable = NodeChain.object(fields.get("nextTable"));
        int n = TableChunks.length(table);
        LayoutTally tally = new LayoutTally(options, n);
        long baseCount = NodeChain.number(fields, "baseCount");
        long cells = 0;
        try {
            cells = counterCellsSum(NodeChain.object(fields.get("counterCells")));
        } catch (RuntimeException e) {
            tally.unreadable(-1, "counterCells", e);
        }
        long size = baseCount + cells;
        long limit = NodeChain.limit(size);
        Specials specials = new Specials();
        if (table != null) {
            TableChunks.forEach(table, n, (from, heads) -> {
                if (!options.bounded()) {
                    ChainPrefetch.chains(heads, NODE, NODE_FIELDS);
                }
                for (int i = 0; i < heads.size(); i++) {
                    walkBin(heads.get(i), from + i, n, limit, tally, specials);
                }
                tally.progress(progress, from + heads.size());
            });
        }
        int sizeCtl = (int) NodeChain.number(fields, "sizeCtl");
        int transferIndex = (int) NodeChain.number(fields, "transferIndex");
        Integer nextLength = null;
        try {
            nextLength = nextTable == null ? null : nextTable.arrayLength();
        } catch (RuntimeException e) {
            tally.unreadable(-1, "nextTable", e);
        }
        boolean resizing = nextTable != null;
        ResizeState resize = new ResizeState(resizing, nextLength, sizeCtl, transferIndex);
        ConcurrentState concurrent = new ConcurrentState(specials.forwarding, specials.reserved.size(),
                List.copyOf(specials.reserved), List.copyOf(specials.locks), resize, baseCount, cells);
        // before the first put sizeCtl holds the initial capacity, not a threshold
        Long threshold = sizeCtl > 0 && table != null ? (long) sizeCtl : null;
        // mid-resize the moved bins' entries live in nextTable, so this table's count cannot match size
        return tally.finish(ref, layout(), wrapper, size, threshold, 0.75f, null, concurrent, !resizing);
    }

    private static void walkBin(Object element, int bin, int n, long limit, LayoutTally tally, Specials specials) {
        // past maxEntries a non-null head counts as non-empty without reading its hash (a request per bin):
        // ForwardingNode and ReservationNode heads there are counted as non-empty bins
        HeapObject head = NodeChain.headToWalk(element, bin, tally);
        if (head == null) {
            return;
        }
        Node first;
        try {
            first = readNode(head);
        } catch (RuntimeException e) {
            tally.unreadable(bin, "head of bin " + bin, e);
            tally.bin(new Bin(bin, 0, "chain", List.of()));
            return;
        }
        switch (first.hash()) {
            case MOVED -> {
                specials.forwarding++;
                tally.special(bin, "forwarding");
            }
            case RESERVED -> {
                specials.reserved.add(bin);
                tally.special(bin, "reservation");
            }
            case TREEBIN -> walkTreeBin(head, bin, n, limit, tally, specials);
            default -> {
                // the stored hash is spread and masked to non-negative
                Walk walk = NodeChain.walk(head, first, bin, ConcurrentHashMapDecoder::readNode,
                        hash -> (n - 1) & hash, false, limit, tally);
                tally.bin(new Bin(bin, walk.length(), "chain", walk.samples()));
            }
        }
    }

    private static void walkTreeBin(HeapObject treeBin, int bin, int n, long limit, LayoutTally tally, Specials specials) {
        HeapObject root;
        HeapObject first;
        try {
            Map<String, Object> f = treeBin.read(TREE_BIN, "root", "first", "waiter", "lockState");
            root = NodeChain.object(f.get("root"));
            first = NodeChain.object(f.get("first"));
            int lockState = (int) NodeChain.number(f, "lockState");
            specials.locks.add(new TreeBinLock(bin, lockState, (lockState & WRITER) != 0, (lockState & WAITER) != 0,
                    lockState >>> 2, threadId(NodeChain.object(f.get("waiter")))));
        } catch (RuntimeException e) {
            tally.unreadable(bin, "TreeBin of bin " + bin, e);
            tally.bin(new Bin(bin, 0, "tree", List.of()));
            return;
        }
        Walk walk = NodeChain.walk(first, null, bin, ConcurrentHashMapDecoder::readTreeNode,
                hash -> (n - 1) & hash, true, limit, tally);
        if (!walk.cut()) {
            try {
                String fault = TreeLinks.check(root, walk.nodes());
                if (fault != null) {
                    tally.problem("tree-links", bin, "tree bin " + bin + ": " + fault);
                }
            } catch (RuntimeException e) {
                tally.problem("tree-links", bin, "tree bin " + bin + ": " + e.getMessage());
            }
        }
        tally.bin(new Bin(bin, walk.length(), "tree", walk.samples()));
    }

    /** java.lang.Thread.tid of the waiting writer; null when there is none or it cannot be read. */
    private static Long threadId(HeapObject thread) {
        if (thread == null) {
            return null;
        }
        try {
            return NodeChain.numberOrNull(thread.read("java.lang.Thread", "tid"), "tid");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sum of CounterCell.value; the cells exist only after contention, at most one per CPU or so. */
    static long counterCellsSum(HeapObject cells) {
        if (cells == null) {
            return 0;
        }
        long[] sum = {0};
        TableChunks.forEach(cells, cells.arrayLength(), (from, elements) -> {
            for (Object cell : elements) {
                if (cell != null) {
                    sum[0] += NodeChain.number(NodeChain.object(cell).read(COUNTER_CELL, "value"), "value");
                }
            }
        });
        return sum[0];
    }

    private static Node readNode(HeapObject node) {
        Map<String, Object> f = node.read(NODE, NODE_FIELDS);
        return new Node(node, (int) NodeChain.number(f, "hash"), f.get("key"), f.get("val"),
                NodeChain.object(f.get("next")), f);
    }

    private static Node readTreeNode(HeapObject node) {
        Map<String, Object> f = node.read(TREE_NODE, "hash", "key", "val", "next", "parent", "left", "right");
        return new Node(node, (int) NodeChain.number(f, "hash"), f.get("key"), f.get("val"),
                NodeChain.object(f.get("next")), f);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "baseCount", "counterCells", "table");
        long size = NodeChain.number(fields, "baseCount") + counterCellsSum(NodeChain.object(fields.get("counterCells")));
        HeapObject table = NodeChain.object(fields.get("table"));
        if (!countNonEmptyBins || table == null
                || !(map.heapMayContain(FORWARDING_NODE) || map.heapMayContain(RESERVATION_NODE))) {
            return MapLayouts.QuickStats.of(map, size, table, 1, countNonEmptyBins);
        }
        // ForwardingNode and ReservationNode heads hold no entry: counted as non-empty they made collisions
        // (size - non-empty bins) negative. Only while such nodes exist is each head's class read.
        int[] nonEmpty = {0};
        TableChunks.forEach(table, table.arrayLength(), (from, heads) -> {
            for (Object head : heads) {
                if (head instanceof HeapObject node && !node.className().equals(FORWARDING_NODE)
                        && !node.className().equals(RESERVATION_NODE)) {
                    nonEmpty[0]++;
                }
            }
        });
        return new MapLayouts.QuickStats(size, table.arrayLength(), nonEmpty[0], map);
    }
}
