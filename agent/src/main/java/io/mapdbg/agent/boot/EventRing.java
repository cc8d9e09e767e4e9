package io.mapdbg.agent.boot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded lock-free ring of write events: many writers (the threads writing watched maps), one reader (the
 * channel draining it). A writer that finds the ring full drops its event and counts it; nothing is lost silently.
 * Keys and values are held as objects until drained: the writer never makes text of them (a toString is the
 * application's code), the reader previews them by field reads.
 */
public final class EventRing {
    private final int capacity;
    private final int mask;
    private final int[] ids;
    private final int[] sites;
    private final long[] times;
    private final long[] threadIds;
    private final String[] threads;
    private final Object[] keys; // the objects, not their text: previews are read later, off the writer's thread
    private final Object[] values;
    private final Object[] maps; // set for the every-map trace only (its events carry no watch id)
    private final Object[] callers;
    private final WriteFilter[][] filters;
    private final int[] accepted;
    /** seq + 1 once the slot holds event seq: the reader's sign that the fields are written. */
    private final AtomicLongArray published;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long tail;

    public EventRing(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        capacity = capacityPowerOfTwo;
        mask = capacityPowerOfTwo - 1;
        ids = new int[capacity];
        sites = new int[capacity];
        times = new long[capacity];
        threadIds = new long[capacity];
        threads = new String[capacity];
        keys = new Object[capacity];
        values = new Object[capacity];
        maps = new Object[capacity];
        callers = new Object[capacity];
        filters = new WriteFilter[capacity][];
        accepted = new int[capacity];
        published = new AtomicLongArray(capacity);
    }

    public boolean full() {
        return head.get() - tail >= capacity;
    }

    /** An event without map object, caller or filters (tests). */
    public boolean offer(int id, int site, long time, long threadId, String thread, Object key, Object value) {
        return offer(id, null, site, time, threadId, thread, key, value, null, null, -1);
    }

    /** Adds an event, or counts it as dropped when the reader is a whole ring behind. */
    public boolean offer(int id, Object map, int site, long time, long threadId, String thread, Object key,
            Object value, Object caller, WriteFilter[] filtered, int acceptedBy) {
        long h;
        do {
            h = head.get();
            if (h - tail >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
        } while (!head.compareAndSet(h, h + 1));
        int i = (int) h & mask;
        ids[i] = id;
        sites[i] = site;
        times[i] = time;
        threadIds[i] = threadId;
        threads[i] = thread;
        keys[i] = key;
        values[i] = value;
        maps[i] = map;
        callers[i] = caller;
        filters[i] = filtered;
        accepted[i] = acceptedBy;
        published.set(i, h + 1);
        return true;
    }

    /** Hands up to max events to the sink, oldest first; one reader at a time. */
    public synchronized int drain(int max, EventSink sink) {
        long t = tail;
        int n = 0;
        TracedWrite w = new TracedWrite();
        try {
            while (n < max) {
                int i = (int) t & mask;
                if (published.get(i) != t + 1) {
                    break;
                }
                w.mapId = ids[i];
                w.map = maps[i];
                w.site = sites[i];
                w.epochMillis = times[i];
                w.threadId = threadIds[i];
                w.thread = threads[i];
                w.key = keys[i];
                w.value = values[i];
                w.caller = callers[i];
                w.filters = filters[i];
                w.accepted = accepted[i];
                forget(i);
                t++;
                n++;
                sink.event(w);
            }
        } finally {
            tail = t;
        }
        return n;
    }

    /** Forgets every queued event (counted as neither delivered nor dropped). */
    public synchronized void discard() {
        long t = tail;
        while (true) {
            int i = (int) t & mask;
            if (published.get(i) != t + 1) {
                break;
            }
            forget(i);
            t++;
        }
        tail = t;
    }

    /** Lets go of a drained slot's objects (the ring must not keep the application's keys alive). */
    private void forget(int i) {
        threads[i] = null;
        keys[i] = null;
        values[i] = null;
        maps[i] = null;
        callers[i] = null;
        filters[i] = null;
    }

    /** Counts an event the writer did not even build because the ring was full. */
    public void countDrop() {
        dropped.incrementAndGet();
    }

    public long offered() {
        return head.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long pending() {
        return head.get() - tail;
    }

    public int capacity() {
        return capacity;
    }
}
