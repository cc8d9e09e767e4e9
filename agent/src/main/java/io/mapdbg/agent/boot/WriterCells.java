package io.mapdbg.agent.boot;

import java.util.Arrays;

/**
 * {@code races --all}'s first stage: which maps more than one thread writes, found with no call and no exit hook on
 * the write path.
 * <p>
 * <b>Cells.</b> Each thread has a cell (chosen by its id; a cache line of its own, written by that thread only): a
 * count of its writes, the thread and the map it wrote last. The hook ({@link #enter}) is small enough for the JIT to
 * inline, and while the gate is shut it is one test of a volatile int. While it is open, a write costs a few loads and one
 * store on the writer's own line (the thread and map are stored only when they change, since a reference store costs
 * G1 a card check and a fence). There is no exit hook at all: the sampler only needs to know who wrote what since its
 * last look. Measured: an exit test on every write, however cheap, costs a put inlined into a loop 10-20% (it stops
 * C2 unrolling the loop), and so does a value such as {@code this} kept alive across the whole method for an exit.
 * <p>
 * <b>Hot maps.</b> The sampler reads the cells about once a millisecond while the gate is open, and a map seen in
 * the cells of two threads becomes a candidate. Up to {@link #HOT} candidates at a time are hot, in rotation. For a
 * hot map (and only for one) {@link #enter} returns true, and the woven code then wraps the write: it calls the same
 * method again on the same map (the second call, seeing this thread's cell in a wrapped write, runs the method's own
 * code) inside a try/finally that ends with {@link #exitHot}. So the marker ({@link AllMarker}, Go's
 * {@code hashWriting} per instance, which sees the overlaps, holds shared writes open a little and takes the stacks)
 * has its entries and exits exactly paired, and a map written by one thread never gets there: for it the wrap is a
 * branch never taken, which the JIT leaves out of the compiled code.
 * <p>
 * <b>Threads sharing a cell</b> (ids equal modulo {@link #CELLS}): a thread leaves a cell alone while another thread
 * is in a wrapped write there, so a wrap's flag is only ever set and cleared by its own thread; at worst such a
 * thread's writes go unseen for a while (a miss, never an invented overlap: the marker's own slots decide those).
 */
public final class WriterCells {
    public static final int CELLS = 1024;
    private static final int MASK = CELLS - 1;
    /** Per cell (stride 8 longs, 64 bytes): [0] the count of writes, [1] 1 while the cell's thread is in a wrapped write. */
    static final long[] SEQ = new long[CELLS << 3];
    /**
     * Per cell (stride 16 references): [0] the map last written, [1] the thread that owns the cell, [4..7] the hot
     * maps (a copy per cell: a volatile load of one shared field on every write measured slower, the armed put loop
     * 79-111M against 101-115M puts/s).
     */
    static final Object[] REF = new Object[CELLS << 4];
    /**
     * The gate, one volatile load on every write: {@link #SHUT}; {@link #OPEN} during the sampler's turns (every write
     * marks its cell); {@link #HOT_ONLY} between turns while some map written by two threads waits for a verdict (a
     * write only compares its map with the hot ones; sparse writers are seen at every write, not only in the turns).
     */
    static volatile int gate;
    static final int SHUT = 0;
    static final int OPEN = 1;
    static final int HOT_ONLY = 2;
    /** Whether the gate is open (turns) apart from the hot-only state, as MapHook last set it. */
    private static volatile boolean open;
    private static volatile boolean hotOnly;
    /** How many maps are hot at once. */
    static final int HOT = 4;
    /** The maps whose writes go through the marker now (nulls at the end; the writers read each cell's copy). */
    static final Object[] hot = new Object[HOT];

    private WriterCells() {
    }

    /**
     * At the entry of a mutator of a non-thread-safe map, under races --all: true when the woven code is to wrap this
     * write for the marker (map is hot, and this thread is not in a wrapped write already); then it calls
     * {@link #exitHot} when the write ends, however it ends.
     */
    public static boolean enter(Object map, Object key) {
        int g = gate;
        if (g != SHUT) {
            return g == OPEN ? mark(map, key) : hotOnly(map, key);
        }
        return false;
    }

    /** Between turns, with maps hot: only a hot map's write is wrapped (the cell is not marked). */
    private static boolean hotOnly(Object map, Object key) {
        Object[] h = hot;
        if (h[0] != map && h[1] != map && h[2] != map && h[3] != map) {
            return false;
        }
        Thread me = Thread.currentThread();
        int c = cell(me);
        int r = c << 1;
        if (REF[r + 1] != me) {
            if (SEQ[c + 1] != 0) {
                return false; // another thread whose id shares the cell is in a wrapped write: leave it alone
            }
            REF[r + 1] = me;
        }
        return hotEnter(map, key, c);
    }

    private static boolean mark(Object map, Object key) {
        Thread me = Thread.currentThread();
        int c = cell(me);
        int r = c << 1;
        if (REF[r + 1] != me) {
            if (SEQ[c + 1] != 0) {
                return false; // another thread whose id shares the cell is in a wrapped write: leave it alone
            }
            REF[r + 1] = me;
        }
        if (REF[r] != map) {
            REF[r] = map;
        }
        SEQ[c]++;
        // the hot maps, copied into each cell (plain loads from the writer's own line), nulls at the end: with no
        // hot map (the usual case) one load and a null test
        Object h = REF[r + 4];
        if (h != null && (h == map || REF[r + 5] == map || REF[r + 6] == map || REF[r + 7] == map)) {
            return hotEnter(map, key, c);
        }
        return false;
    }

    private static boolean hotEnter(Object map, Object key, int c) {
        if (SEQ[c + 1] != 0) {
            return false; // in a wrapped write already: the wrap's own second call, or a nested write
        }
        SEQ[c + 1] = 1;
        try {
            AllMarker.enter(map, key);
        } catch (Throwable t) {
            MapHook.fault(t);
        }
        return true;
    }

    /** The end of a wrapped write (after a return or a throw): map and the key it wrote. */
    public static void exitHot(Object map, Object key) {
        try {
            SEQ[cell(Thread.currentThread()) + 1] = 0;
            AllMarker.exit(map, key);
        } catch (Throwable t) {
            MapHook.fault(t);
        }
    }

    private static int cell(Thread t) {
        return ((int) t.getId() & MASK) << 3;
    }

    // ---- the sampler's side ----

    /** What a sample saw: the maps written by two threads since the last sample, into the candidates. */
    private static final long[] LAST = new long[CELLS];
    private static final int MAX_CANDIDATES = 32;
    private static final Object[] CANDIDATES = new Object[MAX_CANDIDATES];
    /** Turns since each candidate was last seen shared; it is dropped after {@link #FORGET_TURNS}. */
    private static final int[] AGE = new int[MAX_CANDIDATES];
    private static final int FORGET_TURNS = 50;
    /**
     * Hot turns in a row in which the marker saw a candidate's writer never change: then it is dropped (a map handed
     * off once, or written by one thread again), so that it leaves the hot places to candidates still shared; it comes
     * back if the sampler sees its writer change again.
     */
    static final int IDLE_TURNS = 10;
    private static final int[] IDLE = new int[MAX_CANDIDATES];
    /** Each candidate's count of writer changes ({@link WriterSwitches#switches}) when last looked at. */
    private static final int[] SWITCHES_AT = new int[MAX_CANDIDATES];
    private static final Object[] SEEN_MAP = new Object[64];
    private static final Object[] SEEN_THREAD = new Object[64];
    private static int next;
    /**
     * Across looks, per map (by identity hash, a slot each, overwritten on collision: a wrong guess only makes a
     * candidate the marker then clears): the id of the thread seen writing it last and of the one before. A map
     * whose writer changes is a candidate even if its writers never wrote it within one look: writers
     * that each put once in a while (a hand-off is one too, and the marker then sees no writer come back).
     */
    private static final int TRACKED = 4096;
    private static final int[] LAST_HASH = new int[TRACKED];
    private static final long[] LAST_WRITER = new long[TRACKED];
    private static final long[] WRITER_BEFORE = new long[TRACKED];
    /** What the looks covered since races --all went on: writes marked in the cells, and maps seen (about: by hash). */
    private static volatile long writesSeen;
    private static volatile long mapsSeen;

    /** One look at every cell (the sampler only): a map written by two threads since the last look is a candidate. */
    static void sample() {
        int seen = 0;
        long writes = 0;
        for (int i = 0; i < CELLS; i++) {
            long s = SEQ[i << 3];
            boolean changed = s != LAST[i]; // the cell's thread wrote since the last look
            if (changed && s > LAST[i]) {
                writes += s - LAST[i];
            }
            LAST[i] = s;
            Object map = REF[i << 4];
            Object thread = REF[(i << 4) + 1];
            if (!changed || map == null || thread == null) {
                continue;
            }
            seen = note(seen, map, thread);
            writerOf(map, (Thread) thread);
        }
        Arrays.fill(SEEN_MAP, 0, seen, null);
        Arrays.fill(SEEN_THREAD, 0, seen, null);
        writesSeen += writes;
    }

    /** {writes marked in the cells, maps seen} since races --all went on (the coverage of "no race seen"). */
    public static long[] coverage() {
        return new long[] {writesSeen, mapsSeen};
    }

    /** Notes across looks that thread id wrote map: a writer that comes back makes the map a candidate. */
    private static void writerOf(Object map, Thread thread) {
        long id = thread.getId();
        int h = System.identityHashCode(map);
        int i = (h ^ (h >>> 12)) & (TRACKED - 1);
        if (LAST_HASH[i] != h) {
            mapsSeen++;
            LAST_HASH[i] = h;
            LAST_WRITER[i] = id;
            WRITER_BEFORE[i] = -1;
        } else if (LAST_WRITER[i] != id) {
            candidate(map); // its writer changed: the marker decides (a hand-off never shows a writer coming back)
            if (WRITER_BEFORE[i] == id) {
                WriterSwitches.sampledReturn(map, thread); // reported if the marker saw them share no lock
            }
            WRITER_BEFORE[i] = LAST_WRITER[i];
            LAST_WRITER[i] = id;
        }
    }

    /**
     * Notes that thread wrote map, among the n pairs noted in this look, and returns the new count; a map noted with
     * another thread is made a candidate. A full list notes nothing more.
     */
    private static int note(int n, Object map, Object thread) {
        for (int j = 0; j < n; j++) {
            if (SEEN_MAP[j] == map) {
                if (SEEN_THREAD[j] != thread) {
                    candidate(map);
                }
                return n;
            }
        }
        if (n == SEEN_MAP.length) {
            return n;
        }
        SEEN_MAP[n] = map;
        SEEN_THREAD[n] = thread;
        return n + 1;
    }

    private static void candidate(Object map) {
        if (WriterSwitches.settled(map)) {
            return; // seen often enough with a lock both writers hold, or its race logged: no need for more turns
        }
        int free = -1;
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            if (CANDIDATES[i] == map) {
                AGE[i] = 0;
                return;
            }
            if (CANDIDATES[i] == null && free < 0) {
                free = i;
            }
        }
        if (free >= 0) {
            CANDIDATES[free] = map;
            AGE[free] = 0;
            IDLE[free] = 0;
            SWITCHES_AT[free] = WriterSwitches.switches(map);
        }
    }

    /**
     * A turn begins (the sampler only): the next candidates, round the list, up to {@link #HOT}, become hot;
     * candidates not seen shared for {@link #FORGET_TURNS} turns are dropped.
     */
    static void nextTurn() {
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Object map = CANDIDATES[i];
            if (map != null && (++AGE[i] > FORGET_TURNS || WriterSwitches.settled(map) || cooled(i, map))) {
                CANDIDATES[i] = null;
            }
        }
        Object[] pick = new Object[HOT];
        int n = 0;
        for (int k = 0; k < MAX_CANDIDATES && n < HOT; k++) {
            int i = (next + k) % MAX_CANDIDATES;
            if (CANDIDATES[i] != null) {
                pick[n++] = CANDIDATES[i];
                next = i + 1;
            }
        }
        makeHot(pick);
    }

    /** Whether candidate i (map), hot in the turn that ends, has now gone {@link #IDLE_TURNS} hot turns with no change of writer. */
    private static boolean cooled(int i, Object map) {
        if (!isHot(map)) {
            return false;
        }
        int s = WriterSwitches.switches(map);
        if (s != SWITCHES_AT[i]) {
            SWITCHES_AT[i] = s;
            IDLE[i] = 0;
            return false;
        }
        return ++IDLE[i] >= IDLE_TURNS;
    }

    private static boolean isHot(Object map) {
        for (Object h : hot) {
            if (h == map) {
                return true;
            }
        }
        return false;
    }

    /** Makes these maps (nulls for none) the hot ones: into {@link #hot} and each cell's copy, which the writers read. */
    static void makeHot(Object... maps) {
        for (int h = 0; h < HOT; h++) {
            Object map = h < maps.length ? maps[h] : null;
            hot[h] = map;
            for (int i = 0; i < CELLS; i++) {
                REF[(i << 4) + 4 + h] = map;
            }
        }
    }

    /** The gate open (a turn) or shut. */
    static void open(boolean on) {
        open = on;
        gate();
    }

    /** Between turns: the hot maps' writes still wrapped (on) or not. */
    static void hotOnly(boolean on) {
        hotOnly = on;
        gate();
    }

    private static void gate() {
        gate = open ? OPEN : hotOnly && hot[0] != null ? HOT_ONLY : SHUT;
    }

    /** Whether some map is hot now. */
    static boolean anyHot() {
        return hot[0] != null;
    }

    /**
     * Forgets the maps (the cells would keep the last map of each thread alive) and the hot maps; the counts and
     * threads stay. Called when races --all stops.
     */
    static void forgetMaps() {
        forgetCellMaps();
        makeHot();
    }

    /** Forgets the maps the cells hold (a turn ends; the hot maps, candidates still, stay for the hot-only state). */
    static void forgetCellMaps() {
        for (int i = 0; i < CELLS; i++) {
            REF[i << 4] = null;
        }
    }

    static void clear() {
        open(false);
        hotOnly(false);
        forgetMaps();
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            CANDIDATES[i] = null;
        }
        Arrays.fill(LAST_HASH, 0);
        for (int i = 0; i < CELLS; i++) {
            LAST[i] = SEQ[i << 3]; // writes before this run are not this run's
        }
        writesSeen = 0;
        mapsSeen = 0;
    }
}
