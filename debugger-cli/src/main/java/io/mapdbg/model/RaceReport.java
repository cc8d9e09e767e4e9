package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code races} and {@code watch races}: the maps that two threads wrote at the same time, each
 * once with its overlap count. watched lists every map the run armed, skipped the maps it would not watch
 * (thread-safe ones, or beyond the --all bound) with the reason; source says which way served it ("jdwp" or
 * "agent"); notes say what the watch cost the target; coverage what it checked.
 */
public record RaceReport(List<Race> races, List<WatchedMap> watched, List<SkippedMap> skipped, long durationMillis,
                         String source, List<String> notes, Coverage coverage) implements Result {

    public RaceReport(List<Race> races, List<WatchedMap> watched, List<SkippedMap> skipped, long durationMillis,
                      String source, List<String> notes) {
        this(races, watched, skipped, durationMillis, source, notes, null);
    }

    /**
     * What the watch checked, for the summary (a "no race seen" is only as good as this): writes seen (-1: not
     * counted) of how many maps, and sampling: null when every write of those maps was checked, else how they were
     * sampled ("10% duty").
     */
    public record Coverage(long writes, long maps, String sampling) {
        /** Every write of the watched maps was checked: their counts summed (-1 when any is not counted). */
        public static Coverage everyWriteOf(List<WatchedMap> watched) {
            long writes = watched.stream().mapToLong(WatchedMap::writes).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
            return new Coverage(writes, watched.size(), null);
        }
    }

    /** A map the run watched, with how many outermost writes it saw and how many distinct writer threads. */
    public record WatchedMap(MapRef map, long writes, int writers) {
    }

    /** A map the run did not watch, and why ("thread-safe map: not watched"). */
    public record SkippedMap(MapRef map, String reason) {
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
