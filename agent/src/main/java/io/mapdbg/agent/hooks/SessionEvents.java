package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.EventSink;

/**
 * One client session's trace events, in a bounded queue of its own: the hooks' ring is drained by whichever session's
 * stream runs ({@link HookLeases#pump}) and each event lands in the queue of every session that traces its map, so two
 * sessions tracing different maps (or the same map) each get all of their own hits. What a full queue cannot hold is
 * counted as dropped.
 */
final class SessionEvents {
    static final int CAPACITY = 1 << 14;

    private final int[] mapIds = new int[CAPACITY];
    private final int[] sites = new int[CAPACITY];
    private final long[] millis = new long[CAPACITY];
    private final long[] threadIds = new long[CAPACITY];
    private final String[] threads = new String[CAPACITY];
    private final Object[] keys = new Object[CAPACITY]; // previewed by the stream's thread, never here
    private final Object[] values = new Object[CAPACITY];
    private int head; // guarded by this
    private int size; // guarded by this
    private long queued; // guarded by this
    private long dropped; // guarded by this

    synchronized void add(int mapId, int site, long epochMillis, long threadId, String thread, Object key, Object value) {
        if (size == CAPACITY) {
            dropped++;
            return;
        }
        int i = (head + size) & (CAPACITY - 1);
        mapIds[i] = mapId;
        sites[i] = site;
        millis[i] = epochMillis;
        threadIds[i] = threadId;
        threads[i] = thread;
        keys[i] = key;
        values[i] = value;
        size++;
        queued++;
    }

    /** Hands up to max events to sink, oldest first; returns how many. */
    synchronized int take(int max, EventSink sink) {
        int n = Math.min(max, size);
        for (int k = 0; k < n; k++) {
            int i = head;
            sink.event(mapIds[i], sites[i], millis[i], threadIds[i], threads[i], keys[i], values[i]);
            threads[i] = null;
            keys[i] = null;
            values[i] = null;
            head = (head + 1) & (CAPACITY - 1);
            size--;
        }
        return n;
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
            threads[head] = null;
            keys[head] = null;
            values[head] = null;
            head = (head + 1) & (CAPACITY - 1);
            size--;
        }
    }
}
