package io.mapdbg.agent.boot;

/**
 * A map's first overlap, logged with both threads' stacks: the seeing thread's own, and the other thread's as that
 * thread takes it of itself on its way out of the map ({@link HandedStack}), or none (marked so) when it did not.
 */
final class OverlapStacks {
    private OverlapStacks() {
    }

    /** Loads and links this class (MapHook does, before any hook needs it). */
    static void link() {
    }

    /**
     * How long the thread that saw a map's first overlap waits for the other one to hand over its stack (once per
     * map and run; the other thread leaves the map within microseconds unless it is not scheduled). Tests set it.
     */
    static volatile long handOverNanos = 5000000L;

    /**
     * me saw other inside map (other's key: otherKey): counted when the map's first overlap is logged already;
     * else other is asked for its stack before anything slow is done, then the overlap is logged with both stacks.
     */
    static void report(Object map, int id, Thread me, Object myKey, Thread other, Object otherKey) {
        if (MapHook.OVERLAPS.again(map)) {
            return;
        }
        boolean asked = HandedStack.ask(other, map);
        Overlap first = MapHook.OVERLAPS.begin(map, id, me, myKey, other, otherKey);
        if (first == null) {
            if (asked) {
                HandedStack.withdraw(other);
            }
            return;
        }
        StackTraceElement[] none = new StackTraceElement[0];
        StackTraceElement[] mine = none;
        StackTraceElement[] theirs = null;
        try {
            mine = new Throwable().getStackTrace();
            // only a stack the other thread took of itself inside the map: one read from outside would show it
            // wherever it is by then (asleep elsewhere, say), so none is reported instead
            theirs = asked ? HandedStack.await(other, map, handOverNanos) : null;
            if (theirs == null) {
                asked = false;
            }
        } finally {
            MapHook.OVERLAPS.complete(first, mine, theirs != null ? theirs : none, asked); // reported, whatever failed
        }
    }

    /**
     * me wrote map after other with no lock in common: logged (once per map) with both stacks as each thread took it
     * of itself inside its write (other's at its last checked write of the map); null stacks show as none.
     */
    static void unordered(Object map, int mapId, Thread me, Object myKey, StackTraceElement[] mine, Thread other,
                          Object otherKey, StackTraceElement[] theirs) {
        StackTraceElement[] none = new StackTraceElement[0];
        MapHook.OVERLAPS.unordered(map, mapId, me, myKey, mine != null ? mine : none, other, otherKey,
                theirs != null ? theirs : none);
    }
}
