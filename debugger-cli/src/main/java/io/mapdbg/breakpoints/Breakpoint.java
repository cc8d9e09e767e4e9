package io.mapdbg.breakpoints;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.ThreadRef;
import io.mapdbg.session.events.Probe;

import java.util.ArrayList;
import java.util.List;

/** One breakpoint or trace and its live state; its fields change only under its own lock. */
final class Breakpoint {
    enum Kind { BREAK, TRACE }

    enum State { ARMED, DONE, CLEARED }

    final String name;
    final Kind kind;
    final Locations.Location location;
    final ObjectReference map; // null: every map
    final MapRef mapRef;
    final ThreadReference thread; // null: every thread
    final long threadId; // its Java thread id, as --thread took it
    final Integer count; // at most this many reported hits; null: no bound
    final boolean json;
    private HitCondition condition;
    private final List<String> on = new ArrayList<>();
    private long candidates; // hits that passed the map and thread filters: what hitcount counts
    private long hits; // hits reported (for a trace: printed or dropped)
    private long dropped; // trace hits not printed: the printer's queue was full
    private long droppedSaid; // the dropped count last said to the user (printer thread)
    private State state = State.ARMED;
    private Probe probe;

    Breakpoint(String name, Kind kind, Locations.Location location, ObjectReference map, MapRef mapRef,
               ThreadReference thread, long threadId, Integer count, HitCondition condition, boolean json) {
        this.name = name;
        this.kind = kind;
        this.location = location;
        this.map = map;
        this.mapRef = mapRef;
        this.thread = thread;
        this.threadId = threadId;
        this.count = count;
        this.condition = condition;
        this.json = json;
    }

    /** Attaches the armed probe; when the breakpoint was disarmed meanwhile (its count reached during arming), disarms it. */
    synchronized void probe(Probe p) {
        probe = p;
        if (state != State.ARMED) {
            p.disarm();
        }
    }

    synchronized Probe probe() {
        return probe;
    }

    synchronized boolean armed() {
        return state == State.ARMED;
    }

    synchronized void condition(HitCondition c) {
        condition = c;
    }

    synchronized HitCondition condition() {
        return condition;
    }

    synchronized void addOn(String commandLine) {
        on.add(commandLine);
    }

    synchronized List<String> on() {
        return List.copyOf(on);
    }

    /** Counts a hit that passed the filters; returns the hitcount a condition sees. */
    synchronized long candidate() {
        return ++candidates;
    }

    /** Claims the next reported hit number, or 0 when disarmed or the count is used up (a race with another thread). */
    synchronized long claimHit() {
        if (state != State.ARMED || (count != null && hits >= count)) {
            return 0;
        }
        return ++hits;
    }

    /**
     * Runs hand (a non-blocking hand-over to the printer) unless the breakpoint was cleared: clearall's disarm takes
     * this lock too, so a hit read while it ran is dropped, not printed after "cleared" by a printer started anew.
     */
    synchronized boolean unlessCleared(Runnable hand) {
        if (state == State.CLEARED) {
            return false;
        }
        hand.run();
        return true;
    }

    synchronized void drop() {
        dropped++;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long droppedSaid() {
        return droppedSaid;
    }

    synchronized void droppedSaid(long n) {
        droppedSaid = n;
    }

    synchronized boolean countReached() {
        return count != null && hits >= count;
    }

    /** Deletes its requests; returns false when it was already disarmed. */
    synchronized boolean disarm(State to) {
        boolean was = state == State.ARMED;
        if (state != State.CLEARED) {
            state = to;
        }
        if (probe != null) {
            probe.disarm();
        }
        return was;
    }

    synchronized BreakpointInfo info(String note) {
        Probe p = probe;
        List<String> resolved = p == null ? List.of() : p.resolved();
        List<String> pending = p == null ? List.of() : p.pending();
        List<String> unarmed = p == null || !resolved.isEmpty() ? List.of() : p.unarmed();
        ThreadRef t = thread == null ? null : new ThreadRef(thread.name(), threadId);
        return new BreakpointInfo(name, kind.name().toLowerCase(), location.text(), resolved, pending, mapRef, t, count,
                condition == null ? null : condition.source(), List.copyOf(on), hits, dropped, state.name().toLowerCase(), note,
                unarmed);
    }

    private final java.util.concurrent.atomic.AtomicBoolean conditionFailed = new java.util.concurrent.atomic.AtomicBoolean();

    /** True the first time this breakpoint's condition fails to evaluate. */
    boolean firstConditionFailure() {
        return conditionFailed.compareAndSet(false, true);
    }
}
