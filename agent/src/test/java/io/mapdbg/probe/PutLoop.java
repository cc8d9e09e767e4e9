package io.mapdbg.probe;

import java.util.Map;

/** A put loop outside the agent's packages, so that a traced put's caller is this class (HooksInTargetTest). */
public final class PutLoop {
    private PutLoop() {
    }

    /** Nanoseconds the n puts took. */
    public static long puts(Map<Integer, Integer> map, int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            map.put(i & 1023, i);
        }
        return System.nanoTime() - t;
    }

    /** {@link #puts} frames deeper in the stack. */
    public static long deeper(int frames, Map<Integer, Integer> map, int n) {
        return frames == 0 ? puts(map, n) : deeper(frames - 1, map, n);
    }
}
