package io.mapdbg.inspect;

import io.mapdbg.inspect.LayoutTally.Bin;
import io.mapdbg.inspect.LayoutTally.KeyMark;
import io.mapdbg.inspect.NodeChain.Node;
import io.mapdbg.inspect.NodeChain.Walk;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/**
 * {@code java.util.WeakHashMap}: chains of {@code WeakHashMap$Entry}, whose key is the weak referent. A cleared
 * referent is a stale entry: still in the table and in size until the map next expunges, so it counts as an entry.
 */
final class WeakHashMapDecoder implements LayoutDecoder {
    private static final String[] ENTRY_FIELDS = {"value", "hash", "next", "referent"};


    static final String MAP = "java.util.WeakHashMap";
    static final String ENTRY = "java.util.WeakHashMap$Entry";
    static final String REFERENCE = "java.lang.ref.Reference";

    @Override
    public String layout() {
        return "WeakHashMap";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        // NULL_KEY is static: read along with the instance fields so a null key previews as null
        Map<String, Object> fields = map.read(MAP, "table", "size", "threshold", "loadFactor", "modCount", "NULL_KEY");
        HeapObject table = NodeChain.object(fields.get("table"));
        HeapObject nullKey = fields.get("NULL_KEY") instanceof HeapObject key ? key : null;
        long size = NodeChain.number(fields, "size");
        int n = TableChunks.length(table);
        LayoutTally tally = new LayoutTally(options, n);
        long limit = NodeChain.limit(size);
        NodeChain.Reader reader = entry -> readEntry(entry, nullKey);
        if (table != null) {
            TableChunks.forEach(table, n, (from, heads) -> {
                if (!options.bounded()) {
                    ChainPrefetch.chains(heads, ENTRY, ENTRY_FIELDS);
                }
                for (int i = 0; i < heads.size(); i++) {
                    walkBin(heads.get(i), from + i, n, reader, limit, tally);
                }
                tally.progress(progress, from + heads.size());
            });
        }
        Float loadFactor = fields.get("loadFactor") instanceof Float f ? f : null;
        Long modCount = NodeChain.numberOrNull(fields, "modCount");
        return tally.finish(ref, layout(), wrapper, size, NodeChain.numberOrNull(fields, "threshold"), loadFactor,
                modCount == null ? null : modCount.intValue(), null, true);
    }

    private static void walkBin(Object element, int bin, int n, NodeChain.Reader reader, long limit, LayoutTally tally) {
        HeapObject head = NodeChain.headToWalk(element, bin, tally);
        if (head == null) {
            return;
        }
        // WeakHashMap stores hash(key) already spread and indexes by mask
        Walk walk = NodeChain.walk(head, null, bin, reader, hash -> hash & (n - 1), false, limit, tally);
        tally.bin(new Bin(bin, walk.length(), "chain", walk.samples()));
    }

    private static Node readEntry(HeapObject entry, HeapObject nullKey) {
        // referent is inherited from Reference: one request when the reader resolves inherited fields, else a second
        Map<String, Object> f = entry.read(ENTRY, ENTRY_FIELDS);
        Object referent = f.containsKey("referent") ? f.get("referent") : entry.read(REFERENCE, "referent").get("referent");
        Object key = referent == null ? KeyMark.CLEARED
                : nullKey != null && referent instanceof HeapObject k && k.id() == nullKey.id() ? KeyMark.NULL : referent;
        return new Node(entry, (int) NodeChain.number(f, "hash"), key, f.get("value"), NodeChain.object(f.get("next")), f);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "size", "table");
        return MapLayouts.QuickStats.of(map, NodeChain.number(fields, "size"),
                NodeChain.object(fields.get("table")), 1, countNonEmptyBins);
    }
}
