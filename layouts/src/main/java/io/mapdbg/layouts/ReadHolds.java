package io.mapdbg.layouts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Who holds read counts of a {@code ReentrantReadWriteLock}, by the same rule on both paths. The lock counts only
 * the total; per thread it keeps {@code firstReader} with its count, and for every other reader a
 * {@code HoldCounter} {count, tid}, the value of the lock's {@code readHolds} ThreadLocal in that thread's
 * {@code threadLocals} map (the last one also as {@code cachedHoldCounter}). Each side finds the counters its own
 * way (JDWP: the HoldCounter instances; the agent: each thread's map) and tells a {@link Holders} what it found.
 */
public final class ReadHolds {
    public static final String SYNC = "java.util.concurrent.locks.ReentrantReadWriteLock$Sync";
    public static final String HOLD_COUNTER = SYNC + "$HoldCounter";
    /** A thread's ThreadLocal table larger than this is not searched. */
    public static final int MAX_TABLE = 4096;

    private ReadHolds() {
    }

    /**
     * The holders found, T a thread handle: firstReader first (when its count is above 0), then the others by
     * thread id, each once; holds is the read holds traced to them (firstReader's count, then each other's
     * counter's count, at least 1: a thread found through cachedHoldCounter alone holds one at least).
     */
    public static final class Holders<T> {
        private final List<T> readers = new ArrayList<T>();
        private final TreeMap<Long, T> others = new TreeMap<Long, T>();
        private int holds;

        /** Starts from the lock's firstReader (null: none) and its firstReaderHoldCount. */
        public Holders(T firstReader, int firstCount) {
            if (firstReader != null && firstCount > 0) {
                readers.add(firstReader);
                holds += firstCount;
            }
        }

        /** The first reader counted, or null; the caller does not count it again as another holder. */
        public T first() {
            return readers.isEmpty() ? null : readers.get(0);
        }

        /** Another holder: its thread id, thread and its counter's count (0 when its map holds no counter). */
        public void other(long threadId, T thread, int count) {
            if (!others.containsKey(threadId)) {
                others.put(threadId, thread);
                holds += Math.max(1, count);
            }
        }

        /** The holders, firstReader first, the others by thread id. */
        public List<T> readers() {
            List<T> out = new ArrayList<T>(readers);
            out.addAll(others.values());
            return Collections.unmodifiableList(out);
        }

        /** The read holds traced to them. */
        public int holds() {
            return holds;
        }
    }
}
