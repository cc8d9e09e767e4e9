package io.mapdbg.agent.boot;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per watch slot of {@link MapHook}, under races: the writes seen and the threads that made them (the first
 * {@value #WRITER_NAMES}), for the report's writes and writers of each watched map. Runs on the watched maps'
 * writes only; a thread already known is found without a lock.
 */
final class SlotCounts {
    private static final int WRITER_NAMES = 64;
    private static final AtomicLongArray WRITES = new AtomicLongArray(MapHook.SLOTS);
    private static final Thread[][] THREADS = new Thread[MapHook.SLOTS][WRITER_NAMES];
    private static final int[] COUNT = new int[MapHook.SLOTS];

    private SlotCounts() {
    }

    static void write(int slot, Thread t) {
        WRITES.incrementAndGet(slot);
        Thread[] known = THREADS[slot];
        int n = COUNT[slot];
        for (int i = 0; i < n; i++) {
            if (known[i] == t) {
                return;
            }
        }
        synchronized (THREADS) {
            n = COUNT[slot];
            for (int i = 0; i < n; i++) {
                if (known[i] == t) {
                    return;
                }
            }
            if (n < WRITER_NAMES) {
                known[n] = t;
                COUNT[slot] = n + 1;
            }
        }
    }

    static long writes(int slot) {
        return WRITES.get(slot);
    }

    static int writers(int slot) {
        return COUNT[slot];
    }

    static void reset(int slot) {
        synchronized (THREADS) {
            WRITES.set(slot, 0);
            Arrays.fill(THREADS[slot], null);
            COUNT[slot] = 0;
        }
    }
}
