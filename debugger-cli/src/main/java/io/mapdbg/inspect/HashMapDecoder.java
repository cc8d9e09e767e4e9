package io.mapdbg.inspect;

import io.mapdbg.layouts.ChainedLayouts;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/**
 * {@code java.util.HashMap} and {@code LinkedHashMap}: walked by the rules the agent runs too
 * ({@link ChainedLayouts#hashMap}), over this heap's objects.
 */
final class HashMapDecoder implements LayoutDecoder {
    static final String MAP = ChainedLayouts.HASH_MAP;

    @Override
    public String layout() {
        return "HashMap";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        return LayoutReports.bucketLayout(
                ChainedLayouts.hashMap(new ObjectHeap(map), map, options.bounds(), progress::update), ref, wrapper);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "size", "table");
        return MapLayouts.QuickStats.of(map, FieldValues.number(fields, "size"),
                FieldValues.object(fields.get("table")), 1, countNonEmptyBins);
    }
}
