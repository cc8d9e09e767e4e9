package io.mapdbg.agent.boot;

/**
 * The overlaps seen so far, one record per map, bounded. Stacks are taken only for a map's first overlap: the
 * writer's own and, through {@link Thread#getStackTrace()}, the other thread's (which may have moved on a little).
 */
public final class OverlapLog {
    private final Overlap[] records;
    private int size;
    private long unrecorded;

    public OverlapLog(int capacity) {
        records = new Overlap[capacity];
    }

    void record(Object map, int mapId, WriterState me, Object myKey, WriterState other) {
        record(map, mapId, me.thread, myKey, other.thread, other.keyIn(map));
    }

    /** me entered a mutator of map while other was inside one (with otherKey); the first per map keeps stacks. */
    void record(Object map, int mapId, Thread me, Object myKey, Thread other, Object otherKey) {
        synchronized (this) {
            Overlap o = find(map);
            if (o != null) {
                o.again();
                return;
            }
            if (size == records.length) {
                unrecorded++;
                return;
            }
        }
        StackTraceElement[] mine = new Throwable().getStackTrace();
        StackTraceElement[] theirs = other.getStackTrace();
        Overlap fresh = new Overlap(map, mapId,
                new String[] {me.getName(), other.getName()},
                new String[] {SafeText.of(myKey), SafeText.of(otherKey)},
                new StackTraceElement[][] {mine, theirs});
        synchronized (this) {
            Overlap o = find(map);
            if (o != null) {
                o.again();
            } else if (size < records.length) {
                records[size++] = fresh;
            } else {
                unrecorded++;
            }
        }
    }

    private Overlap find(Object map) {
        for (int i = 0; i < size; i++) {
            if (records[i].map() == map) {
                return records[i];
            }
        }
        return null;
    }

    public synchronized Overlap[] snapshot() {
        Overlap[] copy = new Overlap[size];
        System.arraycopy(records, 0, copy, 0, size);
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
