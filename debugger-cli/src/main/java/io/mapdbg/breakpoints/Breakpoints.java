package io.mapdbg.breakpoints;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.BreakpointList;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.model.Continued;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Message;
import io.mapdbg.model.RunReport;
import io.mapdbg.session.Session;
import io.mapdbg.session.events.EventLoop;
import io.mapdbg.session.events.Probe;
import io.mapdbg.session.events.ProbeHit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The breakpoints and traces of one session: sets and clears them, filters each hit (map by identity of
 * {@code this}, condition, count), publishes hits to the listener, and lets {@code continue} wait for a stop.
 * Hits are filtered and read on the session's event-loop thread while the hitting thread is stopped; the listener
 * sees them on the printer thread of a {@link TraceFeed}. A trace's thread is resumed as soon as its hit is read,
 * and when the printer falls behind by the feed's capacity the hit is dropped and counted, never waited for.
 */
public final class Breakpoints {
    /** Said once per breakpoint armed inside java.util: what it costs the whole target. */
    public static final String COST_NOTE = "note: a JDI breakpoint in %s makes every call of it in this JVM run "
            + "interpreted (measured: other maps' puts 138M/s -> 27k/s with an instance filter, ~130x slower with "
            + "thread or count filters); prefer --thread, keep it short, clearall when done";

    /** What the user asked for; map and thread already resolved. */
    public record Request(String name, boolean stop, String location, ObjectReference map, String mapPath,
                          ThreadReference thread, Integer count, String condition, boolean json, boolean writesOnly) {
        public Request(String name, boolean stop, String location, ObjectReference map, String mapPath,
                       ThreadReference thread, Integer count, String condition, boolean json) {
            this(name, stop, location, map, mapPath, thread, count, condition, json, false);
        }
    }

    private final Session session;
    private final HitReader reader;
    private final ConditionCompiler conditions;
    private final TraceFeed feed;
    private final java.util.concurrent.atomic.AtomicLong droppedAll = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Breakpoint> table = new LinkedHashMap<>(); // guarded by this
    private volatile BreakpointListener listener = BreakpointListener.NONE;
    private int generated;
    private long stops; // guarded by this; counts stops so continue can wait for the next one
    private long deliveredStops; // guarded by this; stops whose hit (and on-commands) have been printed
    private BreakpointHit lastStop; // guarded by this
    private boolean gone; // guarded by this
    private volatile RunWindow window; // the run in progress, if any
    private volatile boolean gated; // scripts: hits count only while a run is in progress

    /** invokeAllowed: whether conditions may run code in the target (the session's invoke on|off). */
    public Breakpoints(Session session, java.util.function.BooleanSupplier invokeAllowed) {
        this.session = session;
        this.conditions = new ConditionCompiler(invokeAllowed);
        this.reader = new HitReader(session);
        this.feed = new TraceFeed(TraceFeed.configuredCapacity(), () -> listener, this::traces);
        session.events().addListener(why -> {
            feed.notice(new Message("the target exited: " + why + "; every breakpoint is gone"), false);
            synchronized (this) {
                gone = true;
                notifyAll();
            }
        });
        session.onClose(feed::stop); // detach: deliver what is queued, then the printer thread ends
    }

    private synchronized List<Breakpoint> traces() {
        return table.values().stream().filter(b -> b.kind == Breakpoint.Kind.TRACE).toList();
    }

    /** The printer's queue (tests: its bound holds). */
    TraceFeed feed() {
        return feed;
    }

    public void listener(BreakpointListener l) {
        listener = l == null ? BreakpointListener.NONE : l;
    }

    public BreakpointInfo set(Request r) {
        Locations.Location location;
        HitCondition condition;
        try {
            location = Locations.parse(r.location());
            if (r.writesOnly()) {
                location = location.writesOnly();
            }
            condition = r.condition() == null ? null : conditions.compile(r.condition());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        MapRef mapRef = null;
        if (r.map() != null) {
            mapRef = reader.map(r.map(), r.mapPath());
            location = location.forMapClasses(session.mirror(r.map()).classHierarchy());
        }
        if (r.count() != null && r.count() < 1) {
            throw new IllegalArgumentException("--count takes 1 or more");
        }
        Breakpoint bp;
        synchronized (this) {
            String name = r.name() != null ? r.name() : nextName();
            if (table.containsKey(name) && table.get(name).armed()) {
                throw new IllegalArgumentException("a breakpoint named " + name + " exists: clear it first or pick another name");
            }
            bp = new Breakpoint(name, r.stop() ? Breakpoint.Kind.BREAK : Breakpoint.Kind.TRACE, location, r.map(), mapRef,
                    r.thread(), r.thread() == null ? -1 : session.threadId(r.thread()), r.count(), condition, r.json());
            table.put(name, bp);
        }
        Breakpoint armed = bp;
        armed.probe(session.probes().arm(location.probes(), r.thread(), hit -> onHit(armed, hit)));
        // TODO(agent): when the agent's write hook serves the map, the breakpoint sits on the hook and costs nothing
        String note = location.inJdkHotPath() ? String.format(COST_NOTE, hotMethods(location)) : null;
        return armed.info(note);
    }

    private String nextName() {
        String name;
        do {
            name = "b" + (++generated);
        } while (table.containsKey(name));
        return name;
    }

    private static String hotMethods(Locations.Location location) {
        List<String> names = location.probes().stream().filter(p -> p.className().startsWith("java.util."))
                .map(p -> p.className().substring(p.className().lastIndexOf('.') + 1) + "." + p.method()).distinct().toList();
        return names.size() <= 2 ? String.join(" and ", names) : names.get(0) + " and " + (names.size() - 1) + " other JDK map methods";
    }

    // ---- hits (event-loop thread) -----------------------------------------------------------------------

    private boolean onHit(Breakpoint bp, ProbeHit hit) {
        RunWindow w = window;
        if (!bp.armed() || (gated && (w == null || !w.open()))) {
            return false;
        }
        MapMethod method = bp.location.mapMethod(hit.method().declaringType().name(), hit.method().name());
        ObjectReference self = method != null || bp.map != null ? hit.thisObject() : null;
        if (bp.map != null && !bp.map.equals(self)) {
            return false; // the identity check the instance filter would do, without its safepoint per call
        }
        long hitCount = bp.candidate();
        HitCondition condition = bp.condition();
        if (condition != null) {
            Map<String, Value> args = HitReader.named(hit.arguments(), method);
            try {
                if (!condition.test(new HitScope(hit.thread(), self, args, hitCount))) {
                    return false;
                }
            } catch (RuntimeException e) {
                // a condition that cannot be evaluated here (null key, no such field) is not met; say so once
                if (bp.firstConditionFailure()) {
                    feed.notice(new Message("breakpoint " + bp.name + ": condition '" + condition.source()
                            + "' failed (" + e.getMessage() + "); such hits count as not met"), false);
                }
                return false;
            }
        }
        if (w != null && !w.admit()) {
            return false; // the run has all the hits it wanted
        }
        long n = bp.claimHit();
        if (n == 0) {
            if (w != null) {
                w.unadmit();
            }
            return false;
        }
        if (method != null && method.grows()) {
            Integer before = reader.tableLength(self, false);
            hit.probe().onReturn(hit, exit -> { // not bp.probe(): a hit may come before arm() returns
                try {
                    Integer after = method.method().equals("resize") && HitReader.length(exit.returnValue()) != null
                            ? HitReader.length(exit.returnValue()) : reader.tableLength(self, true);
                    return report(bp, hit, method, self, n, before, after);
                } finally {
                    finish(w);
                }
            });
            return false; // reported when it returns, with the capacity after
        }
        try {
            return report(bp, hit, method, self, n, null, null);
        } finally {
            finish(w);
        }
    }

    private void finish(RunWindow w) {
        if (w != null) {
            w.finish();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private boolean report(Breakpoint bp, ProbeHit hit, MapMethod method, ObjectReference self, long n,
                           Integer before, Integer after) {
        boolean stop = bp.kind == Breakpoint.Kind.BREAK;
        List<String> on = bp.on();
        boolean queued = !stop && on.isEmpty(); // on commands need the thread stopped: those hits are delivered in place
        if (queued && !feed.reserve()) {
            bp.drop();
            droppedAll.incrementAndGet(); // the printer is behind by the whole queue: count it, read nothing, resume at once
            sayIfDone(bp);
            return false;
        }
        BreakpointHit record;
        try {
            record = record(bp, hit, method, self, n, before, after, stop);
        } catch (RuntimeException e) {
            if (queued) {
                feed.release();
            }
            throw e;
        }
        if (!stop && !queued) {
            session.focus().select(hit.thread()); // its on commands act on the hitting thread, stopped while they run
        }
        if (stop) {
            session.focus().select(hit.thread());
            // the stop counts, and its thread is held, before anyone can see the hit printed: a continue typed
            // after reading it must resume this thread and wait for the next stop, not return this one
            session.events().holdCurrent();
            synchronized (this) {
                stops++;
                lastStop = record;
                notifyAll();
            }
        }
        if (queued) {
            if (!bp.unlessCleared(() -> feed.queue(record, bp.json))) {
                feed.release(); // cleared while this hit was read
                return false;
            }
        } else {
            feed.deliver(record, bp.json, on);
        }
        synchronized (this) {
            if (stop) {
                deliveredStops++; // continue returns once the stop and its on-commands are printed
            }
            notifyAll();
        }
        sayIfDone(bp);
        return stop;
    }

    private void sayIfDone(Breakpoint bp) {
        // under this lock: a waiting continue must not see the breakpoint disarmed before its done notice is
        // queued, or it would print its own last line first
        synchronized (this) {
            if (bp.countReached() && bp.disarm(Breakpoint.State.DONE)) {
                feed.notice(new Message(bp.name + ": " + bp.count + (bp.count == 1 ? " hit" : " hits") + ", done (disarmed)"
                        + (bp.dropped() == 0 ? "" : String.format("; %,d of them dropped (printer could not keep up)", bp.dropped()))),
                        bp.json);
                notifyAll();
            }
        }
    }

    private BreakpointHit record(Breakpoint bp, ProbeHit hit, MapMethod method, ObjectReference self, long n,
                                 Integer before, Integer after, boolean stop) {
        MapRef map = self == null || method == null ? null : reader.map(self, bp.map != null ? bp.mapRef.path() : null);
        String key = null;
        String value = null;
        if (method != null && !method.grows()) {
            List<Value> args = hit.arguments();
            key = method.keyArg() >= 0 ? reader.preview(args.get(method.keyArg())) : null;
            value = method.valueArg() >= 0 ? reader.preview(args.get(method.valueArg())) : null;
        }
        String location = method != null ? method.className() + "." + method.method() : HitReader.where(hit.location());
        String op = method == null || method.grows() ? null : MapOps.of(location, value == null || value.equals("null"));
        return new BreakpointHit("hit", bp.name, HitReader.thread(session, hit.thread()), location, map, key, value,
                HitReader.caller(hit.thread()), before, after, n, stop, op, "jdwp");
    }

    // ---- commands ---------------------------------------------------------------------------------------

    public synchronized BreakpointList list() {
        List<BreakpointInfo> out = new ArrayList<>();
        table.values().forEach(b -> out.add(b.info(null)));
        return new BreakpointList(out);
    }

    public BreakpointInfo condition(String name, String text) {
        Breakpoint bp = find(name);
        bp.condition(text == null || text.isBlank() ? null : conditions.compile(text));
        return bp.info(null);
    }

    public BreakpointInfo on(String name, String commandLine) {
        Breakpoint bp = find(name);
        bp.addOn(commandLine);
        return bp.info(null);
    }

    public BreakpointsCleared clear(String name) {
        Breakpoint bp = find(name);
        bp.disarm(Breakpoint.State.CLEARED);
        synchronized (this) {
            table.remove(name);
            notifyAll();
        }
        return new BreakpointsCleared(List.of(name), 0);
    }

    /** Disarms every breakpoint and resumes every thread one of them stopped. */
    public BreakpointsCleared clearAll() {
        List<Breakpoint> all;
        synchronized (this) {
            all = new ArrayList<>(table.values());
            table.clear();
            notifyAll();
        }
        all.forEach(b -> b.disarm(Breakpoint.State.CLEARED));
        int resumed = session.events().resumeHeld();
        session.focus().clear();
        feed.stop(); // what was queued is printed first; nothing is armed, so no printer thread is left
        return new BreakpointsCleared(all.stream().map(b -> b.name).toList(), resumed);
    }

    /**
     * Resumes the stopped threads; with wait, blocks until the next stop, until no breakpoint is left armed (a
     * trace's --count used up), until the target exits, or until interrupted (Ctrl-C).
     */
    public Continued resume(boolean wait) {
        EventLoop loop = session.events();
        long seen;
        synchronized (this) {
            seen = stops;
        }
        int resumed = loop.resumeHeld();
        session.focus().clear();
        if (!wait) {
            return new Continued(resumed, "running", null, droppedAll.get());
        }
        String outcome = waitForStop(seen);
        feed.drain(); // the hits and notices that came before print before continue's own line
        synchronized (this) {
            return new Continued(resumed, outcome, outcome.equals("stopped") ? lastStop : null, droppedAll.get());
        }
    }

    /** Scripts: hits that come while no run is in progress are let go uncounted and unprinted. */
    public void gateHitsToRuns(boolean on) {
        gated = on;
    }

    /** See {@link Runs#run}: lets the target run and handles its hits until a bound is reached. */
    public RunReport run(Duration duration, Long hits, RunLimits limits) {
        return new Runs(this, session).run(duration, hits, limits);
    }

    // ---- what a run reads and changes, under this lock (Runs waits on it) -------------------------------

    synchronized long openWindow(RunWindow w) {
        window = w;
        return deliveredStops;
    }

    synchronized void closeWindow(RunWindow w) {
        if (window == w) {
            window = null;
        }
    }

    void drainFeed() {
        feed.drain();
    }

    long droppedAll() {
        return droppedAll.get();
    }

    synchronized BreakpointHit lastStop() {
        return lastStop;
    }

    /** Stops delivered so far; called with this lock held. */
    long deliveredStopsLocked() {
        return deliveredStops;
    }

    boolean goneLocked() {
        return gone;
    }

    boolean noneArmedLocked() {
        return table.values().stream().noneMatch(Breakpoint::armed);
    }

    private synchronized String waitForStop(long seen) {
        try {
            while (true) {
                if (deliveredStops > seen) {
                    return "stopped";
                }
                if (gone) {
                    return "target-exited";
                }
                if (table.values().stream().noneMatch(Breakpoint::armed)) {
                    return "nothing-armed";
                }
                wait(1_000); // woken by every hit, clear and exit; the timeout only re-checks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private synchronized Breakpoint find(String name) {
        Breakpoint bp = table.get(name);
        if (bp == null) {
            throw new IllegalArgumentException("no breakpoint " + name + (table.isEmpty() ? "" : " (there are: "
                    + String.join(", ", table.keySet()) + ")"));
        }
        return bp;
    }
}
