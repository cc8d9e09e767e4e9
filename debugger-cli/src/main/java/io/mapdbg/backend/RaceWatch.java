package io.mapdbg.backend;

import java.time.Duration;
import java.util.List;

/**
 * A race watch: the maps of --map (or all with --all) for duration. top, holdMillis and sample bound the JDWP watch
 * (breakpoints hold a first writer); duty is the agent's share of time for --all (its hooks hold nothing).
 */
public record RaceWatch(List<MapReference> maps, boolean all, Duration duration, int top, long holdMillis,
                        Duration sample, int duty) {
}
