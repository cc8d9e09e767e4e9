package io.mapdbg.inspect;

import io.mapdbg.inspect.LayoutTally.Bin;
import io.mapdbg.inspect.NodeChain.Node;
import io.mapdbg.inspect.NodeChain.Walk;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/** {@code java.util.Hashtable} (and JDK 8 {@code Properties}): chains of {@code Hashtable$Entry}, bin by modulo. */
final class HashtableDecoder implements LayoutDecoder {
    private static final String[] ENTRY_FIELDS = {"hash", "key", "value", "next"};


    static final String MAP = "java.util.Hashtable";
    static final String ENTRY = "java.util.Hashtable$Entry";

    @Override
    public String layout() {
        return "Hashtable";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        Map<String, Object> fields = map.read(MAP, "table", "count", "threshold", "loadFactor", "modCount");
        HeapObject table = NodeChain.object(fields.get("table"));
        long size = NodeChain.number(fields, "count");
        int n = TableChunks.length(table);
        LayoutTally tally = new LayoutTally(options, n);
        long limit = NodeChain.limit(size);
        if (table != null) {
            TableChunks.forEach(table, n, (from, heads) -> {
                if (!options.bounded()) {
                    ChainPrefetch.chains(heads, ENTRY, ENTRY_FIELDS);
                }
                for (int i = 0; i < heads.size(); i++) {
                    walkBin(heads.get(i), from + i, n, limit, tally);
                }
                tally.progress(progress, from + heads.size());
            });
        }
        Float loadFactor = fields.get("loadFactor") instanceof Float f ? f : null;
        Long modCount = NodeChain.numberOrNull(fields, "modCount");
        return tally.finish(ref, layout(), wrapper, size, NodeChain.numberOrNull(fields, "threshold"), loadFactor,
                modCount == null ? null : modCount.intValue(), null, true);
    }

    private static void walkBin(Object element, int bin, int n, long limit, LayoutTally tally) {
        HeapObject head = NodeChain.headToWalk(element, bin, tally);
        if (head == null) {
            return;
        }
        // Hashtable stores the raw hashCode and indexes by modulo, not by mask
        Walk walk = NodeChain.walk(head, null, bin, HashtableDecoder::readEntry,
                hash -> (hash & 0x7FFFFFFF) % n, false, limit, tally);
        tally.bin(new Bin(bin, walk.length(), "chain", walk.samples()));
    }

    private static Node readEntry(HeapObject entry) {
        Map<String, Object> f = entry.read(ENTRY, ENTRY_FIELDS);
        return new Node(entry, (int) NodeChain.number(f, "hash"), f.get("key"), f.get("value"),
                NodeChain.object(f.get("next")), f);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "count", "table");
        return MapLayouts.QuickStats.of(map, NodeChain.number(fields, "count"),
                NodeChain.object(fields.get("table")), 1, countNonEmptyBins);
    }
}
