package io.mapdbg.inspect;

import io.mapdbg.layouts.ChainedLayouts;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/** {@code java.util.WeakHashMap}: walked by {@link ChainedLayouts#weakHashMap} (stale entries count, shown cleared). */
final class WeakHashMapDecoder implements LayoutDecoder {
    static final String MAP = ChainedLayouts.WEAK_HASH_MAP;

    @Override
    public String layout() {
        return "WeakHashMap";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        return LayoutReports.bucketLayout(
                ChainedLayouts.weakHashMap(new ObjectHeap(map), map, options.bounds(), progress::update), ref, wrapper);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "size", "table");
        return MapLayouts.QuickStats.of(map, FieldValues.number(fields, "size"),
                FieldValues.object(fields.get("table")), 1, countNonEmptyBins);
    }
}
