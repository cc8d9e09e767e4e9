package io.mapdbg.agent.boot;

/**
 * The overlaps seen so far, one record per map, bounded. Stacks are taken only for a map's first overlap: the
 * writer's own that saw it, and the other thread's, which it hands over itself as it leaves the map (asked for
 * before anything slow is done), or else read from outside with {@link Thread#getStackTrace()} while it is still
 * inside (see {@link MapHook}).
 */
public final class OverlapLog {
    private final Overlap[] records;
    private int size;
    private long unrecorded;

    public OverlapLog(int capacity) {
        records = new Overlap[capacity];
    }

    /** Counts one more overlap of map when its first is already logged (or the log is full); false otherwise. */
    synchronized boolean again(Object map) {
        Overlap o = find(map);
        if (o != null) {
            o.again();
            return true;
        }
        if (size == records.length) {
            unrecorded++;
            return true;
        }
        return false;
    }

    /** Counts one more unordered switch of map when it is logged already (or the log is full); false otherwise. */
    synchronized boolean againUnordered(Object map) {
        Overlap o = find(map);
        if (o != null) {
            o.againUnordered();
            return true;
        }
        return size == records.length;
    }

    /**
     * Logs map's unordered writes (me wrote it after other, with no lock in common), complete with both stacks, each
     * taken by its own thread inside the map's write; false when the map is logged already.
     */
    boolean unordered(Object map, int mapId, Thread me, Object myKey, StackTraceElement[] mine, Thread other, Object otherKey,
                      StackTraceElement[] theirs) {
        Overlap fresh = new Overlap(map, mapId, Overlap.UNORDERED, new String[] {me.getName(), other.getName()},
                new long[] {me.getId(), other.getId()}, new Object[] {myKey, otherKey}); // keys previewed when reported
        fresh.complete(mine, theirs, true);
        synchronized (this) {
            if (againUnordered(map)) {
                return false;
            }
            records[size++] = fresh;
            return true;
        }
    }

    /**
     * Begins the record of map's first overlap (me entered, or leaving found, map while other was inside it, with
     * otherKey): names and keys now, the stacks by {@link #complete}; null when another thread began it first.
     */
    Overlap begin(Object map, int mapId, Thread me, Object myKey, Thread other, Object otherKey) {
        // the keys themselves: the agent previews them by field reads when it reports, never here in the writer
        Overlap fresh = new Overlap(map, mapId, Overlap.OVERLAP, new String[] {me.getName(), other.getName()},
                new long[] {me.getId(), other.getId()}, new Object[] {myKey, otherKey});
        synchronized (this) {
            if (again(map)) {
                return null;
            }
            records[size++] = fresh;
            return fresh;
        }
    }

    /** True when map's first overlap is logged (begun or complete). */
    synchronized boolean logged(Object map) {
        return find(map) != null;
    }

    /** How many overlaps are begun and still wait for their stacks (tests). */
    synchronized int begun() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!records[i].complete()) {
                n++;
            }
        }
        return n;
    }

    /** The stacks of a begun overlap; from then on it is reported. */
    synchronized void complete(Overlap o, StackTraceElement[] mine, StackTraceElement[] theirs, boolean theirsInside) {
        o.complete(mine, theirs, theirsInside);
    }

    private Overlap find(Object map) {
        for (int i = 0; i < size; i++) {
            if (records[i].map() == map) {
                return records[i];
            }
        }
        return null;
    }

    /** The overlaps whose stacks are taken (a begun one is reported once complete). */
    public synchronized Overlap[] snapshot() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (records[i].complete()) {
                n++;
            }
        }
        Overlap[] copy = new Overlap[n];
        for (int i = 0, j = 0; i < size; i++) {
            if (records[i].complete()) {
                copy[j++] = records[i];
            }
        }
        return copy;
    }

    /** Overlaps of maps beyond the log's capacity: counted, not described. */
    public synchronized long unrecorded() {
        return unrecorded;
    }

    public synchronized void clear() {
        for (int i = 0; i < size; i++) {
            records[i] = null;
        }
        size = 0;
        unrecorded = 0;
    }
}
