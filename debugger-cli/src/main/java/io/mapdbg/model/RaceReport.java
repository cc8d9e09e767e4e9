package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code races} and {@code watch races}: the maps that two threads wrote at the same time, each
 * once with its overlap count. watched lists every map the run armed, skipped the maps it would not watch
 * (thread-safe ones, or beyond the --all bound) with the reason; source says which way served it ("jdwp" or
 * "agent"); notes say what the watch cost the target.
 */
public record RaceReport(List<Race> races, List<WatchedMap> watched, List<SkippedMap> skipped, long durationMillis,
                         String source, List<String> notes) implements Result {

    /** A map the run watched, with how many outermost writes it saw and how many distinct writer threads. */
    public record WatchedMap(MapRef map, long writes, int writers) {
    }

    /** A map the run did not watch, and why ("thread-safe map: not watched"). */
    public record SkippedMap(MapRef map, String reason) {
    }
}
