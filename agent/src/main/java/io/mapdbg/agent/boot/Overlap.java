package io.mapdbg.agent.boot;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two threads seen inside mutators of one map instance at once (Go's "concurrent map writes"), or ({@link #UNORDERED})
 * a map whose writer changed back and forth with no lock the two writers hold in common. The first of a map keeps
 * both threads' names, stacks and keys; later ones only add to the counts.
 */
public final class Overlap {
    /** The watch id of the map, or -1 when it was caught by {@code races --all}. */
    public final int mapId;
    /** {@link #OVERLAP} or {@link #UNORDERED}: what the first record of the map saw. */
    public final int kind;
    public static final int OVERLAP = 0;
    public static final int UNORDERED = 1;
    public final String mapClass;
    public final int identityHash;
    public final String[] threads;
    /** The two threads' Java ids (jstack's #N), in the order of threads. */
    public final long[] threadIds;
    /** The keys the two threads wrote (held until the log is cleared; previewed by field reads when reported). */
    public final Object[] keys;
    public final StackTraceElement[][] stacks;
    public final long firstMillis;
    private final WeakReference<Object> map;
    private final AtomicLong count;
    private final AtomicLong unordered;
    private boolean complete; // guarded by the log
    private boolean otherInside; // guarded by the log

    Overlap(Object map, int mapId, int kind, String[] threads, long[] threadIds, Object[] keys) {
        this.map = new WeakReference<Object>(map);
        this.kind = kind;
        this.count = new AtomicLong(kind == OVERLAP ? 1 : 0);
        this.unordered = new AtomicLong(kind == UNORDERED ? 1 : 0);
        this.mapId = mapId;
        this.mapClass = map.getClass().getName();
        this.identityHash = System.identityHashCode(map);
        this.threads = threads;
        this.threadIds = threadIds;
        this.keys = keys;
        this.stacks = new StackTraceElement[2][];
        this.firstMillis = System.currentTimeMillis();
    }

    /** The map, while it is alive (not held strongly: a race report must not leak the map). */
    public Object map() {
        return map.get();
    }

    public long count() {
        return count.get();
    }

    /** Switches of writer with no common lock seen on this map (the first included when it is of that kind). */
    public long unordered() {
        return unordered.get();
    }

    void again() {
        count.incrementAndGet();
    }

    void againUnordered() {
        unordered.incrementAndGet();
    }

    /** Both stacks taken (under the log's lock): reported from now on. */
    void complete(StackTraceElement[] seeing, StackTraceElement[] other, boolean otherInside) {
        stacks[0] = seeing;
        stacks[1] = other;
        this.otherInside = otherInside;
        complete = true;
    }

    boolean complete() {
        return complete;
    }

    /**
     * The other thread's stack was taken inside the map's mutator, by that thread itself (else: read from outside,
     * late, and it may show the thread elsewhere).
     */
    public boolean otherStackInside() {
        return otherInside;
    }
}
