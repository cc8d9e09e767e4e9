package io.mapdbg.inspect;

import io.mapdbg.layouts.ConcurrentLayout;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/**
 * {@code java.util.concurrent.ConcurrentHashMap}: walked by {@link ConcurrentLayout} (special nodes, TreeBin locks,
 * resize state), as the agent walks it.
 */
final class ConcurrentHashMapDecoder implements LayoutDecoder {
    static final String MAP = ConcurrentLayout.MAP;
    static final String FORWARDING_NODE = ConcurrentLayout.FORWARDING_NODE;
    static final String RESERVATION_NODE = ConcurrentLayout.RESERVATION_NODE;

    @Override
    public String layout() {
        return "ConcurrentHashMap";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        return LayoutReports.bucketLayout(
                ConcurrentLayout.walk(new ObjectHeap(map), map, options.bounds(), progress::update), ref, wrapper);
    }

    /** Sum of CounterCell.value; the cells exist only after contention, at most one per CPU or so. */
    static long counterCellsSum(HeapObject cells) {
        return cells == null ? 0 : ConcurrentLayout.counterCellsSum(new ObjectHeap(cells), cells);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "baseCount", "counterCells", "table");
        long size = FieldValues.number(fields, "baseCount") + counterCellsSum(FieldValues.object(fields.get("counterCells")));
        HeapObject table = FieldValues.object(fields.get("table"));
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
