package io.mapdbg.inspect;

import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

/**
 * Decodes one JDK map layout (one class family) read through {@link HeapObject}. Implementations hold no
 * state between calls; {@link MapLayouts} picks one by the map's class hierarchy and unwraps wrappers first.
 */
sealed interface LayoutDecoder
        permits HashMapDecoder, ConcurrentHashMapDecoder, HashtableDecoder, WeakHashMapDecoder, IdentityHashMapDecoder {

    /** The layout name reported in {@link BucketLayout#layout()}, e.g. "HashMap". */
    String layout();

    /** Walks the map; never throws for a corrupt map (problems go into the integrity report). source is left null. */
    BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress);

    /** size and table length in one field read plus one array length; non-empty bins only when asked. */
    MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins);
}
