package io.mapdbg.races;

/** Receives overlaps as a {@link RaceSource} sees them; must be thread-safe and quick (no target calls). */
@FunctionalInterface
public interface OverlapSink {
    void overlap(Overlap overlap);

    /**
     * The same overlap seen n more times (the agent counts overlaps in the target and hands over the count);
     * the default hands it over n times.
     */
    default void overlaps(Overlap overlap, long n) {
        for (long i = 0; i < n; i++) {
            overlap(overlap);
        }
    }
}
