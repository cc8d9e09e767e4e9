package io.mapdbg.agent.boot;

/**
 * {@code races --all}'s unordered writes: a hot map whose writer changes back and forth (a thread writes it again
 * after another one did) with no lock the two writers hold in common is a race even when their writes never meet in
 * time. A map that changes writer once and never back (filled by one thread, handed to another through a queue or
 * an executor) is not: the writer returning is what is required.
 * <p>
 * Only {@link AllMarker#claim}'s rare branches call in here: a hot map's first write seen in its slot, and a write by
 * another thread than the slot's last writer (a switch). A map written by one thread never gets here. On a switch
 * the writer learns the locks it holds itself ({@link WriterLocks}, bounded: at most once per
 * {@link #CHECK_GAP_NANOS} per slot and writer) and keeps them with its stack and key, per slot and writer (up to
 * {@link #WRITERS}); the locks of the writer before are the ones it had at its last checked write (a thread is
 * assumed to take the same locks around its writes of one map). A change of writer with no lock in common is kept
 * pending until a writer is seen to come back, by the marker or by WriterCells' sampler. Monitors first; only when the two share none, the
 * j.u.c. locks (a walk of the heap in HotSpot, so globally bounded, see WriterLocks): the writer's own, and the
 * other's as learned at an earlier switch. Undecided (a check left out by a bound) is never reported.
 * <p>
 * Called from the thread inside the map's write (AllMarker's caller guards re-entry and catches Throwable).
 */
final class WriterSwitches {
    static final int WRITERS = 4;
    static final long CHECK_GAP_NANOS = 10000000L;
    /** {@link #CHECK_GAP_NANOS}, or 0 in tests (each step's locks learned). */
    static volatile long checkGapNanos = CHECK_GAP_NANOS;
    private static final int SIZE = AllMarker.SLOTS;
    private static final Thread[] WRITER = new Thread[SIZE * WRITERS];
    private static final int[][] LOCKS = new int[SIZE * WRITERS][];
    private static final StackTraceElement[][] STACK = new StackTraceElement[SIZE * WRITERS][];
    private static final Object[] KEY = new Object[SIZE * WRITERS];
    private static final long[] LAST_CHECK = new long[SIZE * WRITERS];
    /** The slot's map was found guarded by a j.u.c. lock both writers hold: not checked again this run. */
    private static final boolean[] GUARDED = new boolean[SIZE];
    /** The j.u.c. locks (identity hashes) a writer held at its last walked write in this slot, and which writer. */
    private static final Thread[] SYNC_WRITER = new Thread[SIZE];
    private static final int[][] SYNCS = new int[SIZE][];
    /** Changes of writer seen with a monitor both writers held; at {@link #SETTLED} the map needs no more turns. */
    private static final int[] COMMON = new int[SIZE];
    static final int SETTLED = 8;
    /** Changes of writer seen in each slot (read racily by the sampler: a hot map that never changes writer is cooled). */
    private static final int[] SWITCHES = new int[SIZE];
    /** A change of writer with no common lock, not yet seen to go back (a hand-off, so far); read by the sampler. */
    private static final Pending[] PENDING = new Pending[SIZE];

    /** Two writers of a map that share no lock, each with its key and stack at a write of the map. */
    static final class Pending {
        final Object map;
        final int mapId;
        final Thread after;
        final Object afterKey;
        final StackTraceElement[] afterStack;
        final Thread before;
        final Object beforeKey;
        final StackTraceElement[] beforeStack;

        Pending(Object map, int mapId, int w, int o) {
            this.map = map;
            this.mapId = mapId;
            after = WRITER[w];
            afterKey = KEY[w];
            afterStack = STACK[w];
            before = WRITER[o];
            beforeKey = KEY[o];
            beforeStack = STACK[o];
        }

        /** Whether a and b are this pair's two writers. */
        boolean pairs(Thread a, Thread b) {
            return a == after && b == before || a == before && b == after;
        }

        void report() {
            OverlapStacks.unordered(map, mapId, after, afterKey, afterStack, before, beforeKey, beforeStack);
        }
    }

    static {
        new Pending(null, -1, 0, 0); // linked now, not inside a writer's put
    }

    private WriterSwitches() {
    }

    /** Slot i now tracks map, first written here by me (nothing remembered of the slot's earlier map). */
    static void fresh(int i, Object map, Object key, Thread me) {
        for (int w = i * WRITERS; w < (i + 1) * WRITERS; w++) {
            WRITER[w] = null;
            LOCKS[w] = null;
            STACK[w] = null;
            KEY[w] = null;
            LAST_CHECK[w] = 0;
        }
        GUARDED[i] = false;
        COMMON[i] = 0;
        SYNC_WRITER[i] = null;
        SYNCS[i] = null;
        PENDING[i] = null;
        int w = me == null ? -1 : writer(i, me);
        if (w >= 0) {
            learn(w, key, System.nanoTime());
        }
    }

    /**
     * me writes map, whose last writer in slot i was last: a switch. With no lock in common it is reported when the
     * writer comes back (here, or as the sampler sees it: {@link #sampledReturn}), and kept pending until then.
     */
    static void switched(int i, Object map, Object key, Thread me, Thread last) {
        switched(i, map, key, me, last, -1);
    }

    /** {@link #switched} for a map watched under id (races --map), or -1. */
    static void switched(int i, Object map, Object key, Thread me, Thread last, int mapId) {
        SWITCHES[i]++;
        if (GUARDED[i] || MapHook.OVERLAPS.againUnordered(map)) {
            return; // decided already (the race is logged: counted there)
        }
        boolean returned = find(i, me) >= 0;
        Pending pending = PENDING[i];
        // decided at the first switch (no lock in common): no second walk, which the walks' bound may leave out, and
        // a burst of writes may give no other chance
        boolean decided = returned && pending != null && pending.map == map && pending.pairs(me, last);
        int w = writer(i, me);
        if (w < 0) {
            return; // more writers than tracked: undecided
        }
        long now = System.nanoTime();
        if (now - LAST_CHECK[w] >= checkGapNanos) {
            learn(w, key, now); // else this writer's locks as learned at most CHECK_GAP_NANOS ago
        }
        int o = find(i, last);
        if (decided && o >= 0) {
            PENDING[i] = null;
            new Pending(map, mapId, w, o).report();
            return;
        }
        if (o < 0 || LOCKS[w] == null || LOCKS[o] == null || !noCommonLock(i, w, me, last)) {
            return;
        }
        Pending p = new Pending(map, mapId, w, o);
        if (returned) {
            PENDING[i] = null;
            p.report();
        } else {
            PENDING[i] = p; // a first switch: a hand-off, unless a writer comes back
        }
    }

    /** A watched map's (races --map, watch id mapId) writer changed from last (null: its first write) to me. */
    static void changed(Object map, int mapId, Object key, Thread me, Thread last) {
        int i = AllMarker.index(map);
        if (last == null) {
            fresh(i, map, key, me);
        } else {
            switched(i, map, key, me, last, mapId);
        }
    }

    /**
     * The sampler saw thread write map again after another thread had (across its looks): a pending change of
     * writer between those two with no common lock is reported.
     */
    static void sampledReturn(Object map, Thread thread) {
        Pending p = PENDING[AllMarker.index(map)];
        if (p != null && p.map == map && (p.after == thread || p.before == thread)
                && !MapHook.OVERLAPS.againUnordered(map)) {
            p.report();
        }
    }

    /** How many changes of writer slot i has seen (the sampler compares two reads; wrapping is harmless). */
    static int switches(Object map) {
        return SWITCHES[AllMarker.index(map)];
    }

    /**
     * The sampler: map is decided for this run (its race logged, or its writers seen holding a common lock often
     * enough), so it needs no more hot turns. Read racily: a wrong answer costs a turn, or skips one.
     */
    static boolean settled(Object map) {
        int i = AllMarker.index(map);
        return AllMarker.tracks(i, map) && (GUARDED[i] || COMMON[i] >= SETTLED) || MapHook.OVERLAPS.logged(map);
    }

    /** Writer entries w (me) and the other's (last) share no lock; false when they do, or it is not known yet. */
    private static boolean noCommonLock(int i, int w, Thread me, Thread last) {
        int o = find(i, last);
        if (WriterLocks.common(LOCKS[w], LOCKS[o])) {
            COMMON[i]++;
            return false; // a monitor both hold
        }
        int[] mine = WriterLocks.synchronizers();
        if (mine == null) {
            return false; // the heap walk's bound: undecided
        }
        if (mine.length > 0) {
            if (SYNC_WRITER[i] != last) {
                SYNC_WRITER[i] = me; // the other's j.u.c. locks are learned at a later switch
                SYNCS[i] = mine;
                return false;
            }
            if (WriterLocks.common(mine, SYNCS[i])) {
                GUARDED[i] = true;
                return false;
            }
        }
        return true;
    }

    /** Takes the current thread's locks and stack now into writer entry w; false when WriterLocks could not. */
    private static boolean learn(int w, Object key, long now) {
        LAST_CHECK[w] = now;
        WriterLocks.Held held = WriterLocks.monitors();
        if (held == null) {
            return false;
        }
        LOCKS[w] = held.locks;
        STACK[w] = held.stack;
        KEY[w] = key;
        return true;
    }

    private static int find(int i, Thread t) {
        for (int w = i * WRITERS; w < (i + 1) * WRITERS; w++) {
            if (WRITER[w] == t) {
                return w;
            }
        }
        return -1;
    }

    /** t's entry in slot i, taken if it has none yet; -1 when every entry is another thread's. */
    private static int writer(int i, Thread t) {
        int w = find(i, t);
        if (w >= 0) {
            return w;
        }
        for (w = i * WRITERS; w < (i + 1) * WRITERS; w++) {
            if (WRITER[w] == null) {
                WRITER[w] = t;
                return w;
            }
        }
        return -1;
    }

    /** Forgets every slot (a new run). */
    static void clear() {
        for (int i = 0; i < SIZE; i++) {
            fresh(i, null, null, null);
        }
    }
}
