package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.AllMarker;
import io.mapdbg.agent.boot.EventSink;
import io.mapdbg.agent.boot.MapHook;
import io.mapdbg.agent.boot.Overlap;
import io.mapdbg.agent.boot.TracedWrite;
import io.mapdbg.agent.boot.WriteFilter;
import io.mapdbg.agent.channel.ClientSession;

import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who armed what: every watch and races --all belongs to the client sessions that asked for it, and goes when the
 * last of them lets go or ends (a CLI killed with -9 included: its connection's end closes its session). A map
 * watched by two sessions carries the union of their modes; each session gets its own trace events
 * ({@link SessionEvents}), its own write counts (counted from its watch on) and the overlaps of its own maps (from its
 * reset on). When nothing is armed by anyone, the classes get their original bytes back and the events still queued
 * are dropped.
 *
 * <p>ArrayLists searched by identity, not maps: this runs beside hooks in the JDK's map classes.
 */
final class HookLeases {
    private final Hooks hooks;
    private final List<Lease> leases = new ArrayList<Lease>(); // guarded by this

    HookLeases(Hooks hooks) {
        this.hooks = hooks;
    }

    /** Watches map for session (again: with this mode instead); the map's slot gets the union of every session's. */
    synchronized void watch(ClientSession session, Object map, int id, int mode) throws UnmodifiableClassException {
        watch(session, map, id, mode, 0, null);
    }

    /**
     * As {@link #watch(ClientSession, Object, int, int)}, its trace filtered to one thread (its Java id; 0: any) and a
     * condition (null: none).
     */
    synchronized void watch(ClientSession session, Object map, int id, int mode, long threadId,
            ConditionTree condition) throws UnmodifiableClassException {
        Lease lease = lease(session);
        int i = lease.indexOf(map);
        boolean fresh = i < 0;
        TraceFilter filter = new TraceFilter(lease, threadId, condition);
        if (fresh) {
            lease.maps.add(map);
            lease.watches.add(new int[] {id, mode});
            lease.writesBefore.add(new long[] {0});
            lease.filters.add(filter);
            i = lease.maps.size() - 1;
        } else {
            lease.watches.get(i)[1] = mode;
            lease.filters.set(i, filter);
        }
        try {
            hooks.watch(map, id, modeOf(map), filtersOf(map));
        } catch (UnmodifiableClassException | RuntimeException e) {
            if (fresh) {
                forget(lease, i);
            }
            throw e;
        }
        if (fresh) {
            lease.writesBefore.get(i)[0] = writes(id);
        }
        if ((mode & Hooks.TRACE) != 0) {
            lease.events();
        }
    }

    /** Ends session's watch of map; the map stays watched while another session watches it. */
    synchronized boolean unwatch(ClientSession session, Object map) throws UnmodifiableClassException {
        Lease lease = find(session);
        int i = lease == null ? -1 : lease.indexOf(map);
        if (i < 0) {
            return false;
        }
        int id = lease.watches.get(i)[0];
        forget(lease, i);
        rewatch(map, id);
        return true;
    }

    /** The every-map trace on or off for session (filtered as a watch is): on while any session has it on. */
    synchronized void traceAll(ClientSession session, boolean on, long threadId, ConditionTree condition)
            throws UnmodifiableClassException {
        Lease lease = lease(session);
        lease.traceAll = on ? new TraceFilter(lease, threadId, condition) : null;
        traceAllOfEveryone();
    }

    private void traceAllOfEveryone() throws UnmodifiableClassException {
        List<TraceFilter> on = new ArrayList<TraceFilter>();
        for (Lease l : leases) {
            if (l.traceAll != null) {
                on.add(l.traceAll);
            }
        }
        hooks.traceAll(!on.isEmpty(), filters(on));
    }

    /** The filters of one trace's sessions, or null when one of them takes every write (filtered per session later). */
    private static WriteFilter[] filters(List<TraceFilter> of) {
        boolean filtered = false;
        for (TraceFilter f : of) {
            filtered |= !f.open();
        }
        return filtered ? of.toArray(new WriteFilter[0]) : null;
    }

    /** The trace filters of every session that traces map. */
    private WriteFilter[] filtersOf(Object map) {
        List<TraceFilter> of = new ArrayList<TraceFilter>();
        for (Lease l : leases) {
            int i = l.indexOf(map);
            if (i >= 0 && (l.watches.get(i)[1] & Hooks.TRACE) != 0) {
                of.add(l.filters.get(i));
            }
        }
        return filters(of);
    }

    /**
     * Each of session's filters that failed so far: {watch id (-1: the every-map trace), failures, first message}.
     */
    synchronized List<Object[]> conditionFailures(ClientSession session) {
        List<Object[]> out = new ArrayList<Object[]>();
        Lease lease = find(session);
        if (lease == null) {
            return out;
        }
        for (int i = 0; i < lease.filters.size(); i++) {
            failure(out, lease.watches.get(i)[0], lease.filters.get(i));
        }
        failure(out, -1, lease.traceAll);
        return out;
    }

    private static void failure(List<Object[]> out, int id, TraceFilter f) {
        if (f != null && f.failures() > 0) {
            out.add(new Object[] {Integer.valueOf(id), Long.valueOf(f.failures()), String.valueOf(f.firstFailure())});
        }
    }

    /** races --all on or off for session: on while any session has it on. */
    synchronized void racesAll(ClientSession session, boolean on, int duty) throws UnmodifiableClassException {
        Lease lease = lease(session);
        lease.racesAll = on;
        lease.duty = duty;
        racesAllOfOthers();
    }

    /**
     * Forgets the overlaps seen so far, for session: the log itself is emptied when no other session watches for
     * races (then the next overlaps are logged with fresh stacks); else only this session stops seeing them.
     */
    synchronized void resetOverlaps(ClientSession session) {
        Lease lease = lease(session);
        lease.overlapsBefore.clear();
        lease.resetMillis = System.currentTimeMillis();
        boolean others = false;
        for (Lease l : leases) {
            others |= l != lease && (l.racesAll || watchesRaces(l));
        }
        if (!others) {
            hooks.resetOverlaps();
        } else {
            for (Overlap o : hooks.overlaps()) {
                lease.overlapsBefore.add(new Object[] {o, Long.valueOf(o.count()), Long.valueOf(o.unordered())});
            }
        }
    }

    /** Everything session armed is disarmed (its hooks.clear, or its end). */
    synchronized void release(ClientSession session) {
        Lease lease = find(session);
        if (lease == null) {
            return;
        }
        leases.remove(lease);
        for (int i = 0; i < lease.maps.size(); i++) {
            try {
                rewatch(lease.maps.get(i), lease.watches.get(i)[0]);
            } catch (Throwable t) {
                // the next disarm still runs; a class left hooked shows in hooks.stats
            }
        }
        if (lease.traceAll != null) {
            lease.traceAll = null;
            try {
                traceAllOfEveryone();
            } catch (Throwable t) {
                // as above
            }
        }
        if (lease.racesAll) {
            lease.racesAll = false;
            try {
                racesAllOfOthers();
            } catch (Throwable t) {
                // as above
            }
        }
        if (lease.eventsIfAny() != null) {
            lease.eventsIfAny().discard();
        }
        if (!anyArmed()) {
            hooks.clear(); // nobody has anything armed: original bytes back, stale events and marks dropped
        }
    }

    /** Moves the events in the hooks' ring to the queues of the sessions that trace their maps. */
    synchronized void pump(int max) {
        hooks.drain(max, new EventSink() {
            @Override
            public void event(TracedWrite w) {
                for (Lease l : leases) {
                    if (l.traces(w.mapId) && w.acceptedBy(l)) {
                        l.events().add(w);
                    }
                }
            }
        });
    }

    /** session's own event queue; null when it traces nothing and never did. */
    synchronized SessionEvents events(ClientSession session) {
        Lease lease = find(session);
        return lease == null ? null : lease.eventsIfAny();
    }

    /** True while session traces or breaks on some map (its event stream has something to wait for). */
    synchronized boolean streams(ClientSession session) {
        Lease lease = find(session);
        if (lease == null) {
            return false;
        }
        for (int[] w : lease.watches) {
            if ((w[1] & (Hooks.TRACE | Hooks.BREAK)) != 0) {
                return true;
            }
        }
        return lease.traceAll != null;
    }

    /** Rows {id, writes, writers} of session's races watches, writes counted from its watch on. */
    synchronized long[][] writeCounts(ClientSession session) {
        Lease lease = find(session);
        List<long[]> rows = new ArrayList<long[]>();
        if (lease == null) {
            return new long[0][];
        }
        long[][] all = MapHook.writeCounts();
        for (int i = 0; i < lease.maps.size(); i++) {
            int[] w = lease.watches.get(i);
            if ((w[1] & Hooks.RACES) == 0) {
                continue;
            }
            for (long[] r : all) {
                if (r[0] == w[0]) {
                    rows.add(new long[] {r[0], Math.max(0, r[1] - lease.writesBefore.get(i)[0]), r[2]});
                }
            }
        }
        return rows.toArray(new long[0][]);
    }

    /**
     * The overlaps that are session's: of maps it watches for races, or any under its races --all; an overlap logged
     * before its reset only once counted again since, with the count since then (its stacks are those first logged).
     * Each as {overlap, count, firstMillis, unordered writes}.
     */
    synchronized List<Object[]> overlaps(ClientSession session) {
        Lease lease = find(session);
        List<Object[]> out = new ArrayList<Object[]>();
        if (lease == null) {
            return out;
        }
        for (Overlap o : hooks.overlaps()) {
            Object map = o.map();
            int i = map == null ? -1 : lease.indexOf(map);
            boolean ours = lease.racesAll || (i >= 0 && (lease.watches.get(i)[1] & Hooks.RACES) != 0);
            if (!ours) {
                continue;
            }
            long count = o.count();
            long unordered = o.unordered();
            long first = o.firstMillis;
            for (Object[] before : lease.overlapsBefore) {
                if (before[0] == o) {
                    count -= ((Long) before[1]).longValue();
                    unordered -= ((Long) before[2]).longValue();
                    first = Math.max(first, lease.resetMillis);
                }
            }
            if (count > 0 || unordered > 0) {
                out.add(new Object[] {o, Long.valueOf(count), Long.valueOf(first), Long.valueOf(unordered)});
            }
        }
        return out;
    }

    /** How many sessions hold something armed (stats, tests). */
    synchronized int sessions() {
        int n = 0;
        for (Lease l : leases) {
            n += l.armed() ? 1 : 0;
        }
        return n;
    }

    private Lease find(ClientSession session) {
        for (Lease l : leases) {
            if (l.session == session) {
                return l;
            }
        }
        return null;
    }

    private Lease lease(final ClientSession session) {
        Lease lease = find(session);
        if (lease == null) {
            lease = new Lease(session);
            leases.add(lease);
            session.onClose(new Runnable() {
                @Override
                public void run() {
                    release(session);
                }
            });
        }
        return lease;
    }

    private boolean anyArmed() {
        for (Lease l : leases) {
            if (l.armed()) {
                return true;
            }
        }
        return false;
    }

    private static void forget(Lease lease, int i) {
        lease.maps.remove(i);
        lease.watches.remove(i);
        lease.writesBefore.remove(i);
        lease.filters.remove(i);
    }

    /** The union of the modes every session watches map with. */
    private int modeOf(Object map) {
        int mode = 0;
        for (Lease l : leases) {
            int i = l.indexOf(map);
            if (i >= 0) {
                mode |= l.watches.get(i)[1];
            }
        }
        return mode;
    }

    /** After a session let map go: watched on with the others' modes, or unwatched when nobody watches it. */
    private void rewatch(Object map, int id) throws UnmodifiableClassException {
        int mode = modeOf(map);
        if (mode == 0) {
            hooks.unwatch(map);
        } else {
            hooks.watch(map, id, mode, filtersOf(map));
        }
    }

    /**
     * races --all on while any session has it on, sampled at the highest duty any of them asked for (one sampler
     * serves them all: a session's watch is never covered less than it asked).
     */
    private void racesAllOfOthers() throws UnmodifiableClassException {
        boolean any = false;
        int duty = 0;
        for (Lease l : leases) {
            if (l.racesAll) {
                any = true;
                duty = Math.max(duty, l.duty);
            }
        }
        if (any) {
            AllMarker.duty(duty);
        }
        if (any != MapHook.racesAll()) {
            hooks.racesAll(any);
        }
    }

    private static boolean watchesRaces(Lease l) {
        for (int[] w : l.watches) {
            if ((w[1] & Hooks.RACES) != 0) {
                return true;
            }
        }
        return false;
    }

    private static long writes(int id) {
        for (long[] r : MapHook.writeCounts()) {
            if (r[0] == id) {
                return r[1];
            }
        }
        return 0;
    }
}
