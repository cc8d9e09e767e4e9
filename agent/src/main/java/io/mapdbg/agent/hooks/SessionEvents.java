package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.EventSink;
import io.mapdbg.agent.boot.TracedWrite;

/**
 * One client session's trace events, in a bounded queue of its own: the hooks' ring is drained by whichever session's
 * stream runs ({@link HookLeases#pump}) and each event lands in the queue of every session that traces its map (and
 * whose filter took it), so two sessions tracing different maps (or the same map) each get all of their own hits.
 * What a full queue cannot hold is counted as dropped.
 */
final class SessionEvents {
    static final int CAPACITY = 1 << 14;

    private final TracedWrite[] events = new TracedWrite[CAPACITY]; // keys and values previewed by the stream, never here
    private int head; // guarded by this
    private int size; // guarded by this
    private long queued; // guarded by this
    private long dropped; // guarded by this

    synchronized void add(TracedWrite w) {
        if (size == CAPACITY) {
            dropped++;
            return;
        }
        events[(head + size) & (CAPACITY - 1)] = w.copy();
        size++;
        queued++;
    }

    /**
     * Hands up to max events to sink, oldest first; returns how many. The sink is called outside this queue's lock: it
     * writes to the client's socket, which blocks while the client does not read (stopped by Ctrl-Z), and the session's
     * end must still be able to discard this queue (it does so before it aborts the blocked write).
     */
    int take(int max, EventSink sink) {
        TracedWrite[] taken;
        synchronized (this) {
            taken = new TracedWrite[Math.min(max, size)];
            for (int k = 0; k < taken.length; k++) {
                taken[k] = events[head];
                events[head] = null;
                head = (head + 1) & (CAPACITY - 1);
                size--;
            }
        }
        for (TracedWrite w : taken) {
            sink.event(w);
        }
        return taken.length;
    }

    synchronized int pending() {
        return size;
    }

    /** {queued, dropped} since the session began. */
    synchronized long[] counters() {
        return new long[] {queued, dropped};
    }

    synchronized void discard() {
        while (size > 0) {
            events[head] = null;
            head = (head + 1) & (CAPACITY - 1);
            size--;
        }
    }
}
