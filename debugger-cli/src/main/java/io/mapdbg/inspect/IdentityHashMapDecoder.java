package io.mapdbg.inspect;

import io.mapdbg.layouts.IdentityLayout;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.Map;

/**
 * {@code java.util.IdentityHashMap}: walked by {@link IdentityLayout} (slots, and the longest probe run), as the
 * agent walks it.
 */
final class IdentityHashMapDecoder implements LayoutDecoder {

    static final String MAP = IdentityLayout.MAP;

    @Override
    public String layout() {
        return "IdentityHashMap";
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        return LayoutReports.bucketLayout(
                IdentityLayout.walk(new ObjectHeap(map), map, options.bounds(), progress::update), ref, wrapper);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "size", "table");
        return MapLayouts.QuickStats.of(map, FieldValues.number(fields, "size"),
                FieldValues.object(fields.get("table")), 2, countNonEmptyBins);
    }
}
