package io.mapdbg.races;

import io.mapdbg.model.MapRef;

import java.util.List;

/**
 * Two threads inside mutators of one map at the same moment: inside is the writer that was there first,
 * entering the one that came in. atNanos is System.nanoTime() when it was seen.
 */
public record Overlap(MapRef map, Writer inside, Writer entering, long atNanos) {

    /** One writer: thread name, the mutator it is in, the key it writes (a preview, or null), its stack frames. */
    public record Writer(String thread, String method, String key, List<String> stack) {
    }
}
