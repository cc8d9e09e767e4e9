package io.mapdbg.races;

import io.mapdbg.model.MapRef;

import java.util.List;

/**
 * A race seen on a map. kind {@link #OVERLAP}: two threads inside mutators of the map at the same moment, inside the
 * writer that was there first, entering the one that came in. kind {@link #UNORDERED}: entering wrote the map after
 * inside had, back and forth, with no lock the two held in common (no overlap needed). atNanos is System.nanoTime()
 * when it was seen; note, when not null, says what is missing (a stack that could not be had inside the map).
 */
public record Overlap(MapRef map, Writer inside, Writer entering, long atNanos, String kind, String note) {
    public static final String OVERLAP = "overlap";
    public static final String UNORDERED = "unordered-writes";

    public Overlap(MapRef map, Writer inside, Writer entering, long atNanos) {
        this(map, inside, entering, atNanos, OVERLAP, null);
    }

    /**
     * One writer: thread name, the mutator it is in, the key it writes (a preview, or null), its stack frames, and
     * its Java thread id (jstack's #N; null where the way in did not give it).
     */
    public record Writer(String thread, String method, String key, List<String> stack, Long threadId) {
        public Writer(String thread, String method, String key, List<String> stack) {
            this(thread, method, key, stack, null);
        }

        Writer withThreadId(long id) {
            return new Writer(thread, method, key, stack, id);
        }
    }
}
