package io.mapdbg.agent.boot;

import java.util.Arrays;

/**
 * {@code races --all}'s first stage: which maps more than one thread writes, found with no call on the write path.
 * <p>
 * <b>Cells.</b> Each thread has a cell (chosen by its id; a cache line of its own, written by that thread only): a
 * sequence that is odd while the thread is inside a mutator, the thread and the map it is writing. The hooks
 * ({@link #enter}, {@link #exit}) are small enough for the JIT to inline, and while the gate is shut they are one
 * boolean test. While it is open, a write costs a few loads and one store on the writer's own line (the thread and map
 * are stored only when they change, since a reference store costs G1 a card check and a fence). Measured: a
 * call behind a gate that opens now and then costs a put inlined into a loop 15-30% whatever the call does, and so
 * does a value such as {@code this} kept alive across the whole method for an exit call; these hooks keep neither.
 * <p>
 * <b>Hot maps.</b> The sampler reads the cells about once a millisecond while the gate is open, and a map seen in
 * the cells of two threads becomes a candidate. Up to {@link #HOT} candidates at a time are hot (first one seen with
 * two threads inside at once in one look, unless its race is logged already; then the others in rotation): its writes (and only its writes)
 * also go through {@link AllMarker}, Go's {@code hashWriting} per instance, which sees the overlaps, holds shared
 * writes open a little and takes the stacks. A map written by one thread never gets there.
 * <p>
 * <b>Pairing.</b> An entry marks the cell only when it is even (a nested mutator is not marked again), an exit
 * unmarks it only when it is odd and the cell's thread is the exiting one, so that two threads whose ids share a cell
 * never unmark each other; the marker's entry and exit are paired through a flag in the cell. A write that outlives
 * the gate's turn leaves its cell marked: the thread's next exit while the gate is open clears it, and the marker
 * ignores what an earlier turn left ({@link AllMarker}'s epochs). Before the marker reports an overlap it checks
 * that the other thread's cell still shows it inside that map ({@link #showsInside}).
 */
public final class WriterCells {
    public static final int CELLS = 1024;
    private static final int MASK = CELLS - 1;
    /** Per cell (stride 8 longs, 64 bytes): [0] the sequence (odd: inside), [1] 1 while the marker has the write. */
    static final long[] SEQ = new long[CELLS << 3];
    /**
     * Per cell (stride 16 references): [0] the map last marked, [1] the thread that owns the cell, [3] the key of a
     * write the marker has, [4..7] the hot maps (a copy per cell: a volatile load of one shared field on every write
     * measured slower, the armed put loop 79-111M against 101-115M puts/s; the tests themselves, though they never
     * pass for a map with one writer, still cost such a loop ~5-10%: 106-127M/s without them; taking the entry's
     * test out alone gained nothing visible).
     */
    static final Object[] REF = new Object[CELLS << 4];
    /** The gate of entries: open during the sampler's turns. */
    static volatile boolean open;
    /** The gate of exits: open a little longer than entries, so that a write that began in a turn ends in it. */
    static volatile boolean live;
    /** How many maps are hot at once. */
    static final int HOT = 4;
    /** The maps whose writes go through the marker now (nulls at the end; the writers read each cell's copy). */
    static final Object[] hot = new Object[HOT];
    /** Whether the marker checks the other thread's cell before reporting (on while the hooks use the cells). */
    static volatile boolean checked;

    private WriterCells() {
    }

    /** At the entry of a mutator of a non-thread-safe map, under races --all. */
    public static void enter(Object map, Object key) {
        if (open) {
            mark(map, key);
        }
    }

    /** At every exit (return or throw) of such a mutator; no argument, see the class comment. */
    public static void exit() {
        if (live) {
            unmark();
        }
    }

    private static void mark(Object map, Object key) {
        Thread me = Thread.currentThread();
        int c = cell(me);
        long s = SEQ[c];
        if ((s & 1) != 0) {
            return; // nested in a write of its own, or another thread's whose id shares the cell is inside
        }
        int r = c << 1;
        if (REF[r + 1] != me) {
            REF[r + 1] = me;
        }
        if (REF[r] != map) {
            REF[r] = map;
        }
        SEQ[c] = s + 1;
        // the hot maps, copied into each cell: plain loads from the writer's own line
        if (REF[r + 4] == map || REF[r + 5] == map || REF[r + 6] == map || REF[r + 7] == map) {
            hotEnter(map, key, c);
        }
    }

    private static void unmark() {
        Thread me = Thread.currentThread();
        int c = cell(me);
        long s = SEQ[c];
        if ((s & 1) == 0 || REF[(c << 1) + 1] != me) {
            return;
        }
        SEQ[c] = s + 1;
        if (SEQ[c + 1] != 0) {
            hotExit(c);
        }
    }

    private static int cell(Thread t) {
        return ((int) t.getId() & MASK) << 3;
    }

    private static void hotEnter(Object map, Object key, int c) {
        try {
            SEQ[c + 1] = 1;
            REF[(c << 1) + 3] = key; // for an overlap seen on the way out
            AllMarker.enter(map, key);
        } catch (Throwable t) {
            MapHook.fault(t);
        }
    }

    private static void hotExit(int c) {
        try {
            SEQ[c + 1] = 0;
            Object map = REF[c << 1];
            Object key = REF[(c << 1) + 3];
            REF[(c << 1) + 3] = null;
            if (map != null) {
                AllMarker.exit(map, key);
            }
        } catch (Throwable t) {
            MapHook.fault(t);
        }
    }

    /** True unless the cells say that t is not inside a mutator of map now (always true while they are not used). */
    static boolean showsInside(Thread t, Object map) {
        if (!checked) {
            return true;
        }
        int c = cell(t);
        return (SEQ[c] & 1) != 0 && REF[(c << 1) + 1] == t && REF[c << 1] == map;
    }

    // ---- the sampler's side ----

    /** What a sample saw: the maps written by two threads since the last sample, into the candidates. */
    private static final long[] LAST = new long[CELLS];
    private static final int MAX_CANDIDATES = 32;
    private static final Object[] CANDIDATES = new Object[MAX_CANDIDATES];
    /** Turns since each candidate was last seen shared; it is dropped after {@link #FORGET_TURNS}. */
    private static final int[] AGE = new int[MAX_CANDIDATES];
    private static final int FORGET_TURNS = 50;
    private static final Object[] SEEN_MAP = new Object[64];
    private static final Object[] SEEN_THREAD = new Object[64];
    private static int next;
    private static final Object[] INSIDE_MAP = new Object[64];
    private static final Object[] INSIDE_THREAD = new Object[64];
    /** A map seen with two threads inside at once: it has the next turn. */
    private static Object urgent;

    /**
     * One look at every cell (the sampler only): a map marked by two threads since the last look is a candidate; one
     * that two cells show inside at once (two threads in it at the same time, as far as one pass over the cells can
     * tell) also has the next turn, unless its race is logged already.
     */
    static void sample() {
        int seen = 0;
        int inside = 0;
        for (int i = 0; i < CELLS; i++) {
            long s = SEQ[i << 3];
            boolean changed = s != LAST[i]; // a write began or ended in this cell since the last look
            LAST[i] = s;
            Object map = REF[i << 4];
            Object thread = REF[(i << 4) + 1];
            if (map == null || thread == null) {
                continue;
            }
            if ((s & 1) != 0) {
                inside = note(INSIDE_MAP, INSIDE_THREAD, inside, map, thread);
                if (inside < 0) {
                    inside = -inside - 1;
                    if (!MapHook.OVERLAPS.logged(map)) {
                        urgent = map;
                    }
                }
            }
            if (changed) {
                seen = note(SEEN_MAP, SEEN_THREAD, seen, map, thread);
                if (seen < 0) {
                    seen = -seen - 1;
                }
            }
        }
        Arrays.fill(SEEN_MAP, 0, seen, null);
        Arrays.fill(SEEN_THREAD, 0, seen, null);
        Arrays.fill(INSIDE_MAP, 0, inside, null);
        Arrays.fill(INSIDE_THREAD, 0, inside, null);
    }

    /**
     * Notes that thread marked map, among the n pairs noted in this look: returns the new count, or -(count) - 1 when
     * map was noted with another thread (it is made a candidate then). A full list notes nothing more.
     */
    private static int note(Object[] maps, Object[] threads, int n, Object map, Object thread) {
        for (int j = 0; j < n; j++) {
            if (maps[j] == map) {
                if (threads[j] == thread) {
                    return n;
                }
                candidate(map);
                return -n - 1;
            }
        }
        if (n == maps.length) {
            return n;
        }
        maps[n] = map;
        threads[n] = thread;
        return n + 1;
    }

    private static void candidate(Object map) {
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
        }
    }

    /**
     * A turn begins (the sampler only): a map seen with two threads inside at once becomes hot, then the next
     * candidates, round the list, up to {@link #HOT}; candidates not seen shared for {@link #FORGET_TURNS} turns are
     * dropped.
     */
    static void nextTurn() {
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            if (CANDIDATES[i] != null && ++AGE[i] > FORGET_TURNS) {
                CANDIDATES[i] = null;
            }
        }
        Object[] pick = new Object[HOT];
        int n = 0;
        if (urgent != null) {
            pick[n++] = urgent;
        }
        urgent = null;
        for (int k = 0; k < MAX_CANDIDATES && n < HOT; k++) {
            int i = (next + k) % MAX_CANDIDATES;
            if (CANDIDATES[i] != null && CANDIDATES[i] != pick[0]) {
                pick[n++] = CANDIDATES[i];
                next = i + 1;
            }
        }
        makeHot(pick);
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

    /** The gates: entries open or shut; exits shut separately ({@link #live}). */
    static void open(boolean on) {
        if (on) {
            live = true;
        }
        open = on;
    }

    static void live(boolean on) {
        live = on || open;
    }

    /**
     * Forgets the maps (the cells would keep the last map of each thread alive) and the candidates; the sequences
     * and threads stay, so a write inside now is still paired. Called when races --all stops or a turn ends.
     */
    static void forgetMaps() {
        for (int i = 0; i < CELLS; i++) {
            REF[i << 4] = null;
            REF[(i << 4) + 3] = null;
        }
        makeHot();
    }

    static void clear() {
        open(false);
        live(false);
        forgetMaps();
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            CANDIDATES[i] = null;
        }
        urgent = null;
    }
}
