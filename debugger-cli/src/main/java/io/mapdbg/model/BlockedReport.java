package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code threads --blocked} / {@code blocked}: clusters of threads waiting on the same lock,
 * largest first, and the deadlocks (cycles in the wait-for graph). threads counts the threads examined;
 * truncated says --top left clusters out, totalClusters how many locks threads wait on in all.
 */
public record BlockedReport(int threads, List<BlockedCluster> clusters, List<Deadlock> deadlocks,
                            long pauseMillis, boolean truncated, int totalClusters) implements Result {

    /** A report with every cluster. */
    public BlockedReport(int threads, List<BlockedCluster> clusters, List<Deadlock> deadlocks, long pauseMillis,
                         boolean truncated) {
        this(threads, clusters, deadlocks, pauseMillis, truncated, clusters == null ? 0 : clusters.size());
    }

    /**
     * Largest cluster first; ties by lock class, then first waiter's name: the same order on every way in (object
     * ids differ between JDWP and the agent, and an agent monitor's id may be its identity hash).
     */
    public static final java.util.Comparator<BlockedCluster> LARGEST_FIRST = java.util.Comparator
            .comparingInt((BlockedCluster c) -> -c.waiters().size())
            .thenComparing(c -> c.lock().className(), java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
            .thenComparing(c -> c.waiters().isEmpty() ? "" : c.waiters().get(0).name(),
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
            .thenComparingLong(c -> c.lock().id());

    /** The n largest clusters (0: all); deadlocks are always kept whole. */
    public BlockedReport top(int n) {
        if (n <= 0 || clusters.size() <= n) {
            return this;
        }
        return new BlockedReport(threads, List.copyOf(clusters.subList(0, n)), deadlocks, pauseMillis, true,
                totalClusters);
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
