package io.mapdbg.agent.boot;

/**
 * {@code races --all}: Go's {@code hashWriting} for every instance of the non-thread-safe map classes, without a
 * ThreadLocal and sampled in time, so that maps written by one thread keep their speed.
 * <p>
 * <b>Slots.</b> The slot of a map's identity hash holds the thread inside its mutators (it stays there as the
 * slot's last writer once it leaves), the map, the key and a nesting depth; only the thread that claimed a slot
 * writes it until it leaves. A thread that enters a map whose slot another thread is inside is an overlap; so is a
 * thread that, leaving a map, finds another thread inside the same map (two threads that claimed the slot at once).
 * Two maps sharing a slot are tracked one at a time: an overlap may be missed, never invented (a write serialised
 * by a lock sees the slot left free by the previous writer before it unlocked).
 * <p>
 * <b>Sampling.</b> The marker sees only the writes of the maps that {@link WriterCells} made hot (maps seen written
 * by two threads, up to four at a time, in turns). Its sampler opens the cells for {@link #TURN_MILLIS} of every
 * {@link #periodMillis} (the rest jittered); while they are shut, a write costs one test at its entry, and between
 * turns the hot maps' writes still come here (WriterCells' hot-only state). The writes of a hot map
 * are wrapped (see WriterCells), so every entry here has its exit. Each turn is a new epoch: a slot claimed in an
 * earlier epoch counts as free (its owner may have left after the epoch changed, unseen), so the switch never
 * invents an overlap.
 * <p>
 * <b>Changes of writer.</b> A slot's writer changing (its rare branch in {@link #claim}) goes to
 * {@link WriterSwitches}, which reports unordered writes: writers that share no lock, even if they never overlap.
 * <p>
 * <b>Holds.</b> Sampling lowers the chance of seeing two short writes meet, so a map seen written by two threads
 * (the slot's last writer is another thread) is held open a little: one write in {@link #HOLD_EVERY} spins
 * {@link #HOLD_MICROS} inside the marker, the way the JDWP path holds its first writer. Maps written by one thread
 * are never held.
 */
public final class AllMarker {
    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;
    /** How many slots the marker has (WriterSwitches keeps its per-slot state alongside). */
    static final int SLOTS = SIZE;
    private static final int HOLD_EVERY = 4; // a power of two
    private static final Thread[] OWNER = new Thread[SIZE];
    private static final Object[] MAP = new Object[SIZE];
    private static final Object[] KEY = new Object[SIZE];
    private static final int[] DEPTH = new int[SIZE];
    private static final int[] EPOCH = new int[SIZE];
    private static final int[] SHARED_WRITES = new int[SIZE];
    /** The slot's map has been written by two threads (since it took the slot): its keys are kept. */
    private static final boolean[] SHARED = new boolean[SIZE];

    public static final int DEFAULT_DUTY = 10;
    public static final int TURN_MILLIS = 20;
    /** The current "on" period; slots of other epochs are free. */
    private static volatile int epoch = 1;
    private static final int HOLD_MICROS = 20;
    private static volatile int periodMillis = TURN_MILLIS * 100 / DEFAULT_DUTY;
    private static Thread sampler; // guarded by AllMarker.class

    private AllMarker() {
    }

    static void enter(Object map, Object key) {
        try {
            Thread me = Thread.currentThread();
            int e = epoch;
            int i = index(map);
            if (DEPTH[i] <= 0 || EPOCH[i] != e) { // free
                claim(i, map, key, me, e);
            } else if (OWNER[i] == me) {
                if (MAP[i] == map) {
                    DEPTH[i]++;
                }
            } else if (MAP[i] == map) {
                Thread owner = OWNER[i];
                Object ownerKey = KEY[i];
                if (owner != null && owner != me) {
                    MapHook.allOverlap(map, key, owner, ownerKey);
                }
            }
        } catch (Throwable t) {
            MapHook.fault(t);
        }
    }

    /**
     * Takes free slot i for map. A map written again by the thread that wrote it last costs no reference store (a
     * reference store into these arrays costs G1 a card check and a fence on every write): the owner and map stay,
     * and the key is kept only on a map's first write here and for maps seen written by two threads; so the very
     * first overlap of a map seen only with its first writer before may report that writer's key as unknown.
     */
    private static void claim(int i, Object map, Object key, Thread me, int e) {
        Thread last = OWNER[i];
        if (MAP[i] != map) {
            MAP[i] = map;
            KEY[i] = key;
            SHARED[i] = false;
            SHARED_WRITES[i] = 0;
            WriterSwitches.fresh(i, map, key, me);
        } else if (last != me && last != null) {
            SHARED[i] = true;
            WriterSwitches.switched(i, map, key, me, last); // the writer changed: ordered by a lock, or not
        }
        if (last != me) {
            OWNER[i] = me;
        }
        if (EPOCH[i] != e) {
            EPOCH[i] = e;
        }
        DEPTH[i] = 1;
        if (SHARED[i]) {
            KEY[i] = key;
            if (last != me && (++SHARED_WRITES[i] & (HOLD_EVERY - 1)) == 0) {
                hold(HOLD_MICROS);
            }
        }
    }

    static void exit(Object map) {
        exit(map, null);
    }

    /** Leaving map; myKey: the key this thread was writing (null when not known), shown if an overlap is seen now. */
    static void exit(Object map, Object myKey) {
        try {
            Thread me = Thread.currentThread();
            HandedStack.onExit(me, map);
            int i = index(map);
            if (EPOCH[i] != epoch || MAP[i] != map || DEPTH[i] <= 0) {
                return; // not tracked (another map's, or an earlier epoch's)
            }
            Thread owner = OWNER[i];
            if (owner == me) {
                if (--DEPTH[i] <= 0) {
                    DEPTH[i] = 0;
                    if (KEY[i] != null) {
                        KEY[i] = null;
                    }
                }
            } else if (owner != null) {
                // I am still inside map, and another thread entered it meanwhile (it may have overwritten my claim)
                Object ownerKey = KEY[i];
                MapHook.allOverlap(map, myKey, owner, ownerKey);
            }
        } catch (Throwable t) {
            MapHook.fault(t);
        }
    }

    /** Whether slot i tracks map now (read racily, by the sampler). */
    static boolean tracks(int i, Object map) {
        return MAP[i] == map;
    }

    static int index(Object map) {
        int h = System.identityHashCode(map);
        return (h ^ (h >>> BITS)) & (SIZE - 1);
    }

    /** Spins (the writer stays marked inside its map) for about micros microseconds. */
    private static void hold(int micros) {
        long until = System.nanoTime() + micros * 1000L;
        while (System.nanoTime() - until < 0) {
            // spin: parking would let the scheduler run the other writer, which is fine but costs far more
        }
    }

    private static long seed = System.nanoTime() | 1;

    /**
     * millis, give or take half (a xorshift, the sampler's own): with a fixed off period the turns keep one phase, and
     * writers that work on a timer of the same period (bursts every 200 ms, say) were never seen at all.
     */
    private static long jittered(long millis) {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        return millis / 2 + ((seed >>> 1) % (millis + 1));
    }

    /** Empties every slot (a new run starts clean). */
    static void clear() {
        for (int i = 0; i < SIZE; i++) {
            OWNER[i] = null;
            MAP[i] = null;
            KEY[i] = null;
            DEPTH[i] = 0;
            EPOCH[i] = 0;
            SHARED_WRITES[i] = 0;
            SHARED[i] = false;
        }
        epoch++;
        HandedStack.reset();
        WriterCells.clear();
        WriterSwitches.clear();
    }

    /** A new epoch, before the marker is switched on again. */
    static void nextEpoch() {
        epoch++;
    }

    /** The marker on for pct percent of the time (1 to 100; 100: always), in turns of {@link #TURN_MILLIS}. */
    public static void duty(int pct) {
        int p = Math.max(1, Math.min(100, pct));
        periodMillis = TURN_MILLIS * 100 / p;
    }

    /** The duty in effect, in percent (as {@link #duty} set it, rounded by the period). */
    public static int dutyPercent() {
        return TURN_MILLIS * 100 / periodMillis;
    }

    /** Starts the sampler thread if it is not running (called when races --all goes on). */
    static synchronized void startSampler() {
        if (sampler != null && sampler.isAlive()) {
            return;
        }
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                sample();
            }
        }, "mapdbg-races-sampler");
        t.setDaemon(true);
        sampler = t;
        t.start();
    }

    /**
     * While races --all is on: each turn, the next map seen written by two threads goes hot
     * ({@link WriterCells#nextTurn}), the cells are opened and looked at every millisecond; then they are shut for the
     * rest of the period. Ends (cells shut) when races --all is turned off.
     */
    private static void sample() {
        try {
            while (MapHook.racesAll()) {
                int period = periodMillis;
                WriterCells.nextTurn();
                MapHook.marking(true);
                long end = System.nanoTime() + TURN_MILLIS * 1000000L;
                do {
                    Thread.sleep(1);
                    WriterCells.sample();
                } while (System.nanoTime() - end < 0 && MapHook.racesAll());
                if (period > TURN_MILLIS) { // else always on: the loop just looks again whether races --all is on
                    WriterCells.hotOnly(true); // the hot maps' writes stay watched between turns (see WriterCells)
                    MapHook.marking(false);
                    WriterCells.forgetCellMaps();
                    Thread.sleep(Math.max(1, jittered(period - TURN_MILLIS)));
                    WriterCells.hotOnly(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            MapHook.fault(t);
        } finally {
            WriterCells.hotOnly(false);
            MapHook.marking(false);
            WriterCells.forgetMaps();
            synchronized (AllMarker.class) {
                if (sampler == Thread.currentThread()) {
                    sampler = null;
                }
            }
            if (MapHook.racesAll()) {
                startSampler(); // turned on again while this one was ending
            }
        }
    }
}
