package io.mapdbg.races;

/** Receives overlaps as a {@link RaceSource} sees them; must be thread-safe and quick (no target calls). */
@FunctionalInterface
public interface OverlapSink {
    void overlap(Overlap overlap);
}
