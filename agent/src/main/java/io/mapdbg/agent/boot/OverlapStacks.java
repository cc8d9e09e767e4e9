package io.mapdbg.agent.boot;

/**
 * A map's first overlap, logged with both threads' stacks: the seeing thread's own, and the other thread's as that
 * thread takes it of itself on its way out of the map ({@link HandedStack}), or else as read from outside.
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
            theirs = asked ? HandedStack.await(other, map, handOverNanos) : null;
            if (theirs == null) {
                asked = false;
                theirs = other.getStackTrace();
            }
        } finally {
            MapHook.OVERLAPS.complete(first, mine, theirs != null ? theirs : none, asked); // reported, whatever failed
        }
    }
}
