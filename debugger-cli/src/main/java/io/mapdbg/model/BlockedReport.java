package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code threads --blocked} / {@code blocked}: clusters of threads waiting on the same lock,
 * largest first, and the deadlocks (cycles in the wait-for graph). threads counts the threads examined.
 */
public record BlockedReport(int threads, List<BlockedCluster> clusters, List<Deadlock> deadlocks,
                            long pauseMillis, boolean truncated) implements Result {
}
