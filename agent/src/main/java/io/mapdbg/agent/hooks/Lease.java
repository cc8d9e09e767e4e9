package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.AllMarker;
import io.mapdbg.agent.channel.ClientSession;

import java.util.ArrayList;
import java.util.List;

/** What one session armed (kept by {@link HookLeases}); lists searched by identity, not maps: hooks run beside. */
final class Lease {
    final ClientSession session;
    final List<Object> maps = new ArrayList<Object>();
    final List<int[]> watches = new ArrayList<int[]>(); // per map: {id, mode}
    final List<long[]> writesBefore = new ArrayList<long[]>(); // per map: {writes counted when this watch began}
    final List<TraceFilter> filters = new ArrayList<TraceFilter>(); // per map: its trace's filter
    boolean racesAll;
    /** The duty (percent) this session's races --all asked for. */
    int duty = AllMarker.DEFAULT_DUTY;
    /** The every-map trace (mapassign without --map), and its filter. */
    TraceFilter traceAll;
    /** Overlaps logged before this session's reset, with their counts then: only what is beyond them is ours. */
    final List<Object[]> overlapsBefore = new ArrayList<Object[]>();
    long resetMillis;
    private SessionEvents events; // created with the first trace

    Lease(ClientSession session) {
        this.session = session;
    }

    int indexOf(Object map) {
        for (int i = 0; i < maps.size(); i++) {
            if (maps.get(i) == map) {
                return i;
            }
        }
        return -1;
    }

    boolean armed() {
        return racesAll || traceAll != null || !maps.isEmpty();
    }

    boolean traces(int mapId) {
        if (mapId == -1) {
            return traceAll != null;
        }
        for (int[] w : watches) {
            if (w[0] == mapId && (w[1] & Hooks.TRACE) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The session's event queue, or null when it never traced. */
    synchronized SessionEvents eventsIfAny() {
        return events;
    }

    /** The session's queue, made with its first trace. */
    synchronized SessionEvents events() {
        if (events == null) {
            events = new SessionEvents();
        }
        return events;
    }
}
