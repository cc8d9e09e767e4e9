package io.mapdbg.agent.boot;

/**
 * The trace side of the write hooks ({@link MapHook} calls it from its slow path): a traced write that a watcher's
 * filter accepts is queued in the ring with its caller; and the every-map trace (mapassign without --map), which
 * offers every write of every hooked map except the agent's own. Same rules as MapHook: never throws into the
 * writer, no HashMap or ConcurrentHashMap, re-entry guarded.
 */
final class TraceTap {
    /** The every-map trace is on; its watchers' filters (null: none). Written under MapHook's lock. */
    static volatile boolean all;
    static volatile WriteFilter[] allFilters;
    /** Whether a traced write's caller is looked for (off only to measure what it costs: HooksInTargetTest). */
    static volatile boolean callers = true;

    private TraceTap() {
    }

    /** Loads and links this class (MapHook's static init: before any map method reaches the slow path). */
    static void link() {
    }

    /** A write to a map no slot watches, while the every-map trace is on (its own re-entry guard). */
    static void any(Object map, Object key, Object value, int site) {
        if ((site & MapHook.ASSIGN_SITE) == 0) {
            return;
        }
        WriterState ws = null;
        try {
            ws = MapHook.STATE.get();
            if (ws.busy || ws.agent) {
                ws = null; // the agent's own writes (draining, streaming) would feed themselves
                return;
            }
            ws.busy = true;
            MapHook.ENTERS.incrementAndGet();
            offer(-1, map, allFilters, ws, map, key, value, site);
        } catch (Throwable t) {
            MapHook.fault(t);
        } finally {
            if (ws != null) {
                ws.busy = false;
            }
        }
    }

    /**
     * Queues a traced write that one of the filters accepts (all of them when there are none), with its caller; a
     * full ring counts it as dropped before the caller is looked for.
     */
    static void offer(int id, Object mapOfEvent, WriteFilter[] filters, WriterState ws, Object map, Object key,
            Object value, int site) {
        int accepted = -1;
        if (filters != null) {
            accepted = 0;
            for (int i = 0; i < filters.length; i++) {
                if (filters[i].accepts(ws.thread, map, key, value)) {
                    accepted |= 1 << i;
                }
            }
            if (accepted == 0) {
                return;
            }
        }
        if (MapHook.EVENTS.full()) {
            MapHook.EVENTS.countDrop();
            return;
        }
        MapHook.EVENTS.offer(id, mapOfEvent, site, System.currentTimeMillis(), ws.thread.getId(), ws.thread.getName(), key,
                value, callers ? Callers.capture() : null, filters, accepted);
    }
}
