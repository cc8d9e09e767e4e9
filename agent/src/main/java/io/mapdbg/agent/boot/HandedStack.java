package io.mapdbg.agent.boot;

/**
 * The stack a thread took of itself while still inside a map's mutator, handed over to the thread that saw it there
 * at a map's first overlap (published through one reference: the final fields make it safe to read elsewhere).
 * One hand-over is asked for at a time: overlaps seen meanwhile read the other thread's stack from outside.
 */
final class HandedStack {
    private static volatile Thread wantedFrom;
    private static volatile Object wantedMap;
    private static volatile HandedStack handed;

    final Thread by;
    final Object map;
    final StackTraceElement[] stack;

    private HandedStack(Thread by, Object map, StackTraceElement[] stack) {
        this.by = by;
        this.map = map;
        this.stack = stack;
    }

    /** Asks thread, inside map, to hand over its stack as it leaves; false when another hand-over is pending. */
    static boolean ask(Thread thread, Object map) {
        if (wantedFrom != null) {
            return false;
        }
        handed = null;
        wantedMap = map;
        wantedFrom = thread;
        return true;
    }

    /** Called on every exit the marker sees: one comparison unless this thread was asked. */
    static void onExit(Thread me, Object map) {
        if (wantedFrom == me && wantedMap == map) {
            wantedFrom = null; // still inside map: the stack of the moment of the overlap
            handed = new HandedStack(me, map, new Throwable().getStackTrace());
        }
    }

    /** Waits up to maxNanos for thread's stack inside map; null when none came (the request is withdrawn). */
    static StackTraceElement[] await(Thread thread, Object map, long maxNanos) {
        long until = System.nanoTime() + maxNanos;
        do {
            HandedStack h = handed;
            if (h != null && h.by == thread && h.map == map) {
                handed = null;
                return h.stack;
            }
            Thread.yield(); // on a busy machine the thread inside may be waiting for this core
        } while (System.nanoTime() - until < 0);
        withdraw(thread);
        return null;
    }

    /** Withdraws the request to thread, if it is still pending. */
    static void withdraw(Thread thread) {
        if (wantedFrom == thread) {
            wantedFrom = null;
        }
    }

    /** Withdraws any pending request (a new run). */
    static void reset() {
        wantedFrom = null;
        wantedMap = null;
        handed = null;
    }
}
