package io.mapdbg.breakpoints;

/**
 * The hits one {@code run} may take: at most cap, admitted on the event-loop thread before they are reported, and
 * finished once reported (printed, or queued for the printer), so the run knows when its last hit is out.
 */
final class RunWindow {
    private final long cap;
    private long admitted; // guarded by this
    private long finished; // guarded by this
    private boolean closed; // guarded by this

    RunWindow(long cap) {
        this.cap = cap;
    }

    synchronized boolean open() {
        return !closed;
    }

    /** Takes a place for a hit; false when the window is closed or full. */
    synchronized boolean admit() {
        if (closed || admitted >= cap) {
            return false;
        }
        admitted++;
        return true;
    }

    /** Gives back a place whose hit was not reported after all (its breakpoint was done meanwhile). */
    synchronized void unadmit() {
        admitted--;
        notifyAll();
    }

    synchronized void finish() {
        finished++;
        notifyAll();
    }

    /** Every place is taken and every hit in them reported. */
    synchronized boolean done() {
        return admitted >= cap && finished >= admitted;
    }

    /** Every hit admitted so far is reported. */
    synchronized boolean settled() {
        return finished >= admitted;
    }

    synchronized long admitted() {
        return admitted;
    }

    synchronized void close() {
        closed = true;
    }

    /** Waits (bounded) until every admitted hit is reported: a mapgrow hit is reported only when its resize returns. */
    synchronized void awaitSettled(long millis) {
        long end = System.currentTimeMillis() + millis;
        try {
            while (finished < admitted) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
