package io.mapdbg.inspect;

import io.mapdbg.layouts.NotAMapException;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

/**
 * Entry point of the inspect layer: a map's layout by the rules the agent runs too (io.mapdbg.layouts: layout by
 * class hierarchy, wrappers taken off, the walk and its checks), read through {@link HeapObject} and turned into
 * the model's records. The layout's source is left null: the caller knows which way (jdwp or agent) served the heap.
 */
public final class MapLayouts {

    /**
     * Size and table length of one map, for a census of thousands. inner is the unwrapped map (the map itself
     * when it is not a wrapper). nonEmptyBins is null unless asked; for a ConcurrentHashMap ForwardingNode and
     * ReservationNode heads are not counted.
     */
    public record QuickStats(long size, int capacity, Integer nonEmptyBins, HeapObject inner) {
    }

    private MapLayouts() {
    }

    /**
     * Decodes the bucket layout of a map. path is the static path the map was found by (or null).
     *
     * @throws NotAHashMapException when neither the class nor a superclass is a map layout mapdbg knows
     */
    public static BucketLayout decode(HeapObject map, String path, WalkOptions options, WalkProgress progress) {
        ObjectHeap heap = new ObjectHeap(map);
        io.mapdbg.layouts.MapLayouts.Target<HeapObject> target = resolve(heap, map, path);
        WalkProgress shown = progress == null ? WalkProgress.NONE : progress;
        MapRef ref = new MapRef(target.map.id(), target.className, target.path);
        return LayoutReports.bucketLayout(
                io.mapdbg.layouts.MapLayouts.walk(heap, target, options.bounds(), shown::update), ref, target.wrapper);
    }

    /** Size and capacity in about two requests (plus one per wrapper); non-empty bins read the table in chunks. */
    public static QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        ObjectHeap heap = new ObjectHeap(map);
        io.mapdbg.layouts.MapLayouts.Target<HeapObject> target = resolve(heap, map, null);
        io.mapdbg.layouts.MapLayouts.QuickStats s = io.mapdbg.layouts.MapLayouts.quickStats(heap, target, countNonEmptyBins);
        return new QuickStats(s.size, s.capacity, s.nonEmptyBins, target.map);
    }

    private static io.mapdbg.layouts.MapLayouts.Target<HeapObject> resolve(ObjectHeap heap, HeapObject map, String path) {
        try {
            return io.mapdbg.layouts.MapLayouts.resolve(heap, map, path);
        } catch (NotAMapException e) {
            throw new NotAHashMapException(e.getMessage());
        }
    }
}
