package io.mapdbg.inspect;

import io.mapdbg.inspect.LayoutTally.Bin;
import io.mapdbg.inspect.NodeChain.Node;
import io.mapdbg.inspect.NodeChain.Walk;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.List;
import java.util.Map;

/** {@code java.util.HashMap} and {@code LinkedHashMap}: chains of {@code Node}, tree bins of {@code TreeNode}. */
final class HashMapDecoder implements LayoutDecoder {
    private static final String[] NODE_FIELDS = {"hash", "key", "value", "next"};


    static final String MAP = "java.util.HashMap";
    static final String NODE = "java.util.HashMap$Node";
    static final String TREE_NODE = "java.util.HashMap$TreeNode";
    /** HashMap.MIN_TREEIFY_CAPACITY: a smaller table resizes instead of treeifying, so it has no tree bins. */
    static final int MIN_TREEIFY_CAPACITY = 64;

    @Override
    public String layout() {
        return "HashMap";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        Map<String, Object> fields = map.read(MAP, "table", "size", "threshold", "loadFactor", "modCount");
        HeapObject table = NodeChain.object(fields.get("table"));
        long size = NodeChain.number(fields, "size");
        int n = TableChunks.length(table);
        LayoutTally tally = new LayoutTally(options, n);
        // className() is a round trip per head: ask only where a tree bin can exist at all
        boolean treesPossible = n >= MIN_TREEIFY_CAPACITY && map.heapMayContain(TREE_NODE);
        long limit = NodeChain.limit(size);
        if (table != null) {
            TableChunks.forEach(table, n, (from, heads) -> {
                if (!options.bounded()) {
                    ChainPrefetch.chains(heads, NODE, NODE_FIELDS);
                    if (treesPossible) {
                        ChainPrefetch.classNames(heads);
                    }
                }
                for (int i = 0; i < heads.size(); i++) {
                    walkBin(heads.get(i), from + i, n, treesPossible, limit, tally);
                }
                tally.progress(progress, from + heads.size());
            });
        }
        Float loadFactor = fields.get("loadFactor") instanceof Float f ? f : null;
        Long modCount = NodeChain.numberOrNull(fields, "modCount");
        return tally.finish(ref, layout(), wrapper, size, NodeChain.numberOrNull(fields, "threshold"), loadFactor,
                modCount == null ? null : modCount.intValue(), null, true);
    }

    private static void walkBin(Object element, int bin, int n, boolean treesPossible, long limit, LayoutTally tally) {
        HeapObject head = NodeChain.headToWalk(element, bin, tally);
        if (head == null) {
            return;
        }
        boolean tree;
        try {
            tree = treesPossible && TREE_NODE.equals(head.className());
        } catch (RuntimeException e) {
            tally.unreadable(bin, "head of bin " + bin, e);
            tally.bin(new Bin(bin, 0, "chain", List.of()));
            return;
        }
        // the stored hash is already spread: (h ^ h >>> 16)
        Walk walk = NodeChain.walk(head, null, bin, tree ? HashMapDecoder::readTreeNode : HashMapDecoder::readNode,
                hash -> (n - 1) & hash, tree, limit, tally);
        if (tree && !walk.cut()) {
            try {
                String fault = TreeLinks.check(head, walk.nodes());
                if (fault != null) {
                    tally.problem("tree-links", bin, "tree bin " + bin + ": " + fault);
                }
            } catch (RuntimeException e) {
                tally.problem("tree-links", bin, "tree bin " + bin + ": " + e.getMessage());
            }
        }
        tally.bin(new Bin(bin, walk.length(), tree ? "tree" : "chain", walk.samples()));
    }

    private static Node readNode(HeapObject node) {
        Map<String, Object> f = node.read(NODE, NODE_FIELDS);
        return new Node(node, (int) NodeChain.number(f, "hash"), f.get("key"), f.get("value"),
                NodeChain.object(f.get("next")), f);
    }

    private static Node readTreeNode(HeapObject node) {
        Map<String, Object> f = node.read(TREE_NODE, "hash", "key", "value", "next", "parent", "left", "right");
        return new Node(node, (int) NodeChain.number(f, "hash"), f.get("key"), f.get("value"),
                NodeChain.object(f.get("next")), f);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "size", "table");
        return MapLayouts.QuickStats.of(map, NodeChain.number(fields, "size"),
                NodeChain.object(fields.get("table")), 1, countNonEmptyBins);
    }
}
