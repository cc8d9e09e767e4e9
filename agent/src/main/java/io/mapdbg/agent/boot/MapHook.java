package io.mapdbg.agent.boot;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the instrumented map methods call. Lives on the bootstrap class path (java.util sees only bootstrap
 * classes). {@link #enter} and {@link #exit} are tiny so that the JIT inlines them into {@code putVal}: for a map
 * that is not watched they cost one boolean test, or one reference comparison while a single map is watched.
 * Everything past that runs only for watched maps (races --all has hooks of its own: {@link WriterCells}, which hands
 * the maps written by two threads to {@link AllMarker}), never throws, never uses HashMap or ConcurrentHashMap, and
 * ignores calls made from inside itself (a key's toString writing a map, say).
 */
public final class MapHook {
    public static final int TRACE = 1;
    public static final int BREAK = 2;
    public static final int RACES = 4;
    /** Site flag: the site's class is not thread-safe, its mutators keep the writer marker. */
    public static final int UNSAFE_SITE = 0x4000;
    /** Site flag: the site is one of mapassign's (a put, remove, clear or compute*): traces report it, mapgrow's not. */
    public static final int ASSIGN_SITE = 0x2000;
    public static final int SLOTS = 16;

    /** The first watched map: the fast slot. */
    public static volatile Object w0;
    /** True when any write may need the slow path: a map watched in any slot. */
    public static volatile boolean any;

    private static final Object[] WATCHED = new Object[SLOTS];
    private static final int[] IDS = new int[SLOTS];
    private static final int[] MODES = new int[SLOTS];
    /** Per slot, the trace filters of its watchers (thread, condition); null when every watcher takes every write. */
    private static final WriteFilter[][] FILTERS = new WriteFilter[SLOTS][];
    private static final Object[] SLOT_WRITERS = new Object[SLOTS];
    /** The thread that wrote each watched map last (races): a change is handed to {@link WriterSwitches}. */
    private static final Thread[] SLOT_LAST = new Thread[SLOTS];
    private static volatile boolean racesAll;
    private static boolean marking; // guarded by MapHook.class
    /** A map is watched in a slot other than 0: only then does a write to a map that is not w0 search the slots. */
    private static volatile boolean moreSlots;
    private static volatile int generation;
    private static volatile boolean fault = Boolean.getBoolean("mapdbg.hooks.fault");


    public static final EventRing EVENTS = new EventRing(1 << 15);
    public static final OverlapLog OVERLAPS = new OverlapLog(256);
    private static final AtomicLong FAULTS = new AtomicLong();
    static final AtomicLong ENTERS = new AtomicLong();
    private static volatile String lastFault;
    private static long hits;

    static final ThreadLocal<WriterState> STATE = new ThreadLocal<WriterState>() {
        @Override
        protected WriterState initialValue() {
            return new WriterState(Thread.currentThread());
        }
    };

    static {
        // link everything the slow path uses now, before any map method calls it
        STATE.get();
        EVENTS.full();
        WriterCells.open(false);
        SlotCounts.writes(0);
        OverlapStacks.link();
        Callers.describe(Callers.capture());
        TraceTap.link();
        WriteFilter.ofThread(null, 0).accepts(Thread.currentThread(), null, null, null);
    }

    private MapHook() {
    }

    /**
     * Called at the entry of every instrumented mutator while more than one map is watched, or one is beside races
     * --all (alone, races --all weaves only {@link WriterCells}' hooks): one boolean test ({@link #any}: anything
     * watched at all) for a map nobody watches.
     */
    public static void enter(Object map, Object key, Object value, int site) {
        if (any) {
            enterSlow(map, key, value, site);
        }
    }

    /**
     * Called at the entry of every instrumented mutator while the one watched map is {@link #w0} (no other slot, no
     * races --all): one reference comparison for a map nobody watches. One test, not two: on a put of a few
     * nanoseconds inlined into a loop, a second load and test measured 25-35% of the put's throughput, one ~6%.
     */
    public static void enterOne(Object map, Object key, Object value, int site) {
        if (map == w0) {
            enterSlow(map, key, value, site);
        }
    }

    /**
     * Called on every exit (return or throw) of an instrumented mutator of a non-thread-safe map (woven only
     * there, so no site: three bytes less per call site keep HashMap.putVal under the JIT's inlining size), with
     * the same gate as {@link #enter}.
     */
    public static void exit(Object map) {
        if (any) {
            exitSlow(map);
        }
    }

    /** {@link #exit} with the gate of {@link #enterOne}. */
    public static void exitOne(Object map) {
        if (map == w0) {
            exitSlow(map);
        }
    }

    /** True while the only watched map can be w0 (no other slot used, races --all off): the one-comparison gate. */
    public static synchronized boolean oneGate() {
        return !racesAll && !moreSlots && !TraceTap.all;
    }

    /**
     * A write to a map watched with {@link #BREAK}: the method a JDI breakpoint sits on, so that it stops only
     * these writes while every other put in the JVM runs compiled. The arguments are the map, key, value and site.
     */
    public static void hit(Object map, Object key, Object value, int site) {
        hits++;
    }

    private static void enterSlow(Object map, Object key, Object value, int site) {
        if (map != w0 && (!moreSlots || slotOf(map) < 0)) {
            if (TraceTap.all) {
                TraceTap.any(map, key, value, site);
            }
            return; // not watched (races --all has its own hooks: WriterCells)
        }
        WriterState ws = null;
        try {
            ws = STATE.get();
            if (ws.busy) {
                return;
            }
            ws.busy = true;
            if (fault) {
                throw new IllegalStateException("mapdbg: injected hook fault");
            }
            int slot = slotOf(map);
            if (slot >= 0) {
                ENTERS.incrementAndGet();
                int mode = MODES[slot];
                if ((mode & BREAK) != 0 && (site & ASSIGN_SITE) != 0) {
                    hit(map, key, value, site);
                }
                if ((mode & TRACE) != 0 && (site & ASSIGN_SITE) != 0) {
                    TraceTap.offer(IDS[slot], null, FILTERS[slot], ws, map, key, value, site);
                }
                if (TraceTap.all && (site & ASSIGN_SITE) != 0 && !ws.agent) {
                    TraceTap.offer(-1, map, TraceTap.allFilters, ws, map, key, value, site); // the every-map trace too
                }
                if ((mode & RACES) != 0 && (site & UNSAFE_SITE) != 0) {
                    SlotCounts.write(slot, ws.thread);
                    markEnter(SLOT_WRITERS, slot, IDS[slot], ws, map, key);
                }
            }
        } catch (Throwable t) {
            fault(t);
        } finally {
            if (ws != null) {
                ws.busy = false;
            }
        }
    }

    private static void exitSlow(Object map) {
        if (map != w0 && (!moreSlots || slotOf(map) < 0)) {
            return;
        }
        WriterState ws = null;
        try {
            ws = STATE.get();
            if (ws.busy) {
                ws = null;
                return;
            }
            ws.busy = true;
            HandedStack.onExit(ws.thread, map);
            if (ws.pop(map, generation) != 0) {
                return;
            }
            int slot = slotOf(map);
            if (slot >= 0 && SLOT_WRITERS[slot] == ws) {
                SLOT_WRITERS[slot] = null;
            }
        } catch (Throwable t) {
            fault(t);
        } finally {
            if (ws != null) {
                ws.busy = false;
            }
        }
    }

    /**
     * An overlap seen by the races --all marker: the current thread entered map while owner was inside it, or,
     * leaving map, found owner inside. Guarded against re-entry (a key's toString writing a map).
     */
    static void allOverlap(Object map, Object key, Thread owner, Object ownerKey) {
        WriterState ws = STATE.get();
        if (ws.busy) {
            return;
        }
        ws.busy = true;
        try {
            OverlapStacks.report(map, -1, ws.thread, key, owner, ownerKey);
        } finally {
            ws.busy = false;
        }
    }

    /**
     * What the watches with races saw: a row per watched map, {id, writes, writers} (see {@link SlotCounts}).
     */
    public static synchronized long[][] writeCounts() {
        java.util.List<long[]> rows = new java.util.ArrayList<long[]>();
        for (int i = 0; i < SLOTS; i++) {
            if (WATCHED[i] != null && (MODES[i] & RACES) != 0) {
                rows.add(new long[] {IDS[i], SlotCounts.writes(i), SlotCounts.writers(i)});
            }
        }
        return rows.toArray(new long[0][]);
    }

    /** Go's hashWriting, per instance: the first thread inside a map's mutators marks it; a second one is a race. */
    private static void markEnter(Object[] writers, int i, int id, WriterState ws, Object map, Object key) {
        int g = generation;
        if (ws.push(map, key, g) != 1) {
            return; // nested in its own mutator, or too deep to track
        }
        Thread last = SLOT_LAST[i];
        if (last != ws.thread) {
            // a watched map's change of writer (every write of it is seen here): ordered by a common lock, or not
            SLOT_LAST[i] = ws.thread;
            WriterSwitches.changed(map, id, key, ws.thread, last);
        }
        Object o = writers[i];
        if (o != null && o != ws && ((WriterState) o).inside(map, g)) {
            WriterState other = (WriterState) o;
            OverlapStacks.report(map, id, ws.thread, key, other.thread, other.keyIn(map));
            return;
        }
        writers[i] = ws;
    }

    /** The watch slot of map, or -1; the common cases (w0, or nothing beyond it) without a search. */
    private static int slotOf(Object map) {
        if (WATCHED[0] == map) {
            return 0;
        }
        if (!moreSlots) {
            return -1;
        }
        for (int i = 1; i < SLOTS; i++) {
            if (WATCHED[i] == map) {
                return i;
            }
        }
        return -1;
    }

    static void fault(Throwable t) {
        try {
            FAULTS.incrementAndGet();
            if (lastFault == null) {
                lastFault = t.toString();
            }
        } catch (Throwable ignored) {
            // nothing may escape into the writer
        }
    }

    // ---- control, called by the agent (not on the write path) ----

    /** Watches map under id with the mode bits; returns its slot, or -1 when every slot is taken. */
    public static synchronized int watch(Object map, int id, int mode) {
        return watch(map, id, mode, null);
    }

    /**
     * Watches map under id with the mode bits, its traced writes filtered (null: not filtered; at most 31 filters);
     * returns its slot, or -1 when every slot is taken.
     */
    public static synchronized int watch(Object map, int id, int mode, WriteFilter[] filters) {
        if (filters != null && filters.length > 31) {
            throw new IllegalArgumentException("at most 31 filtered watchers of one map");
        }
        int slot = slotOf(map);
        if (slot < 0) {
            for (int i = 0; i < SLOTS && slot < 0; i++) {
                if (WATCHED[i] == null) {
                    slot = i;
                }
            }
            if (slot < 0) {
                return -1;
            }
        }
        generation++;
        if (WATCHED[slot] != map) {
            SlotCounts.reset(slot);
        }
        IDS[slot] = id;
        MODES[slot] = mode;
        FILTERS[slot] = filters;
        SLOT_WRITERS[slot] = null;
        SLOT_LAST[slot] = null;
        if ((mode & RACES) != 0) {
            WriterLocks.prepare(); // here, not on a writer's first change
        }
        WATCHED[slot] = map;
        publish();
        return slot;
    }

    /** Stops watching map; returns the slot it had, or -1. */
    public static synchronized int unwatch(Object map) {
        int slot = slotOf(map);
        if (slot < 0) {
            return -1;
        }
        WATCHED[slot] = null;
        SLOT_WRITERS[slot] = null;
        SLOT_LAST[slot] = null;
        MODES[slot] = 0;
        FILTERS[slot] = null;
        SlotCounts.reset(slot);
        generation++;
        publish();
        return slot;
    }

    /**
     * The every-map trace (mapassign without --map) on or off, with its watchers' filters (null: not filtered): every
     * write of every hooked map class is then offered to the ring (bounded: what it cannot hold is counted as dropped),
     * except the agent's own.
     */
    public static synchronized void traceAll(boolean on, WriteFilter[] filters) {
        if (filters != null && filters.length > 31) {
            throw new IllegalArgumentException("at most 31 filtered watchers of every map");
        }
        TraceTap.allFilters = on ? filters : null;
        TraceTap.all = on;
        generation++;
        publish();
    }

    public static boolean tracesAll() {
        return TraceTap.all;
    }

    /** races --all on or off: the slots are emptied, and the sampler turns the marker on and off while it is on. */
    public static synchronized void racesAll(boolean on) {
        racesAll = on;
        generation++;
        marking = false;
        AllMarker.clear();
        if (on) {
            WriterLocks.prepare(); // here, not on a writer's first switch
        }
        publish();
        if (on) {
            AllMarker.startSampler();
        }
    }

    /** The sampler: the races --all marker on (a new epoch) or off. */
    static synchronized void marking(boolean on) {
        if (on && !marking) {
            AllMarker.nextEpoch();
        }
        marking = on && racesAll;
        publish();
    }

    public static synchronized void unwatchAll() {
        for (int i = 0; i < SLOTS; i++) {
            WATCHED[i] = null;
            SLOT_WRITERS[i] = null;
            SLOT_LAST[i] = null;
            MODES[i] = 0;
            FILTERS[i] = null;
            SlotCounts.reset(i);
        }
        TraceTap.all = false;
        TraceTap.allFilters = null;
        racesAll = false;
        marking = false;
        generation++;
        AllMarker.clear();
        publish();
    }

    public static synchronized int watchedCount() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (WATCHED[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** How many watched maps have this mode bit. */
    public static synchronized int watchedWith(int mode) {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (WATCHED[i] != null && (MODES[i] & mode) != 0) {
                n++;
            }
        }
        return n;
    }

    public static boolean racesAll() {
        return racesAll;
    }

    private static void publish() {
        boolean more = false;
        for (int i = 1; i < SLOTS; i++) {
            more |= WATCHED[i] != null;
        }
        moreSlots = more;
        w0 = WATCHED[0];
        WriterCells.open(racesAll && marking);
        any = more || w0 != null || TraceTap.all;
    }

    /** Traced writes with their caller, or without (to measure its cost). */
    public static void callers(boolean on) {
        TraceTap.callers = on;
    }

    /** Makes every slow path throw (caught and counted): the fault-injection switch of the tests. */
    public static void injectFault(boolean on) {
        fault = on;
    }

    /** Counters: enters of watched maps, trace events offered, dropped, faults, hits of the breakpoint method. */
    public static long[] counters() {
        return new long[] {ENTERS.get(), EVENTS.offered(), EVENTS.dropped(), FAULTS.get(), hits};
    }

    public static String lastFault() {
        return lastFault;
    }
}
