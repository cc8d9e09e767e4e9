package io.mapdbg.breakpoints;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounds of a whole trace script ({@code mapdbg trace --duration D --max-events N}) that every {@code run}
 * shares: a deadline and a number of hits. {@link #NONE} in the REPL. reached() names the bound once one ended a run.
 */
public final class RunLimits {
    public static final RunLimits NONE = new RunLimits(null, null);

    private final Duration duration;
    private final Long maxEvents;
    private final long deadline;
    private final AtomicLong events = new AtomicLong();
    private volatile String reached;

    private RunLimits(Duration duration, Long maxEvents) {
        this.duration = duration;
        this.maxEvents = maxEvents;
        this.deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    }

    /** duration and maxEvents may be null (no bound); the duration counts from now. */
    public static RunLimits of(Duration duration, Long maxEvents) {
        return new RunLimits(duration, maxEvents);
    }

    /** System.nanoTime() at which the script must stop; Long.MAX_VALUE without --duration. */
    public long deadline() {
        return deadline;
    }

    /** Hits still allowed; Long.MAX_VALUE without --max-events. */
    public long eventsLeft() {
        return maxEvents == null ? Long.MAX_VALUE : Math.max(0, maxEvents - events.get());
    }

    public long events() {
        return events.get();
    }

    void used(long hits) {
        events.addAndGet(hits);
    }

    /** Checks the bounds now (a command may have outlasted the deadline) and says which one is reached, or null. */
    public String reached() {
        if (reached == null) {
            if (maxEvents != null && eventsLeft() == 0) {
                reached = "--max-events " + maxEvents;
            } else if (System.nanoTime() - deadline >= 0) {
                reached = "--duration " + Durations.format(duration);
            }
        }
        return reached;
    }
}
