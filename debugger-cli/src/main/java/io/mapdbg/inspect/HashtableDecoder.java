package io.mapdbg.inspect;

import io.mapdbg.layouts.ChainedLayouts;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/** {@code java.util.Hashtable} (and JDK 8 {@code Properties}): walked by {@link ChainedLayouts#hashtable}. */
final class HashtableDecoder implements LayoutDecoder {
    static final String MAP = ChainedLayouts.HASHTABLE;

    @Override
    public String layout() {
        return "Hashtable";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        return LayoutReports.bucketLayout(
                ChainedLayouts.hashtable(new ObjectHeap(map), map, options.bounds(), progress::update), ref, wrapper);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "count", "table");
        return MapLayouts.QuickStats.of(map, FieldValues.number(fields, "count"),
                FieldValues.object(fields.get("table")), 1, countNonEmptyBins);
    }
}
