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
import io.mapdbg.session.Session;
import io.mapdbg.session.events.EventLoop;
import io.mapdbg.session.events.Probe;
import io.mapdbg.session.events.ProbeHit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The breakpoints and traces of one session: sets and clears them, filters each hit (map by identity of
 * {@code this}, condition, count), publishes hits to the listener, and lets {@code continue} wait for a stop.
 * Hits are handled on the session's event-loop thread.
 */
public final class Breakpoints {
    /** Said once per breakpoint armed inside java.util: what it costs the whole target. */
    public static final String COST_NOTE = "note: a JDI breakpoint in %s makes every call of it in this JVM run "
            + "interpreted (measured: other maps' puts 138M/s -> 27k/s with an instance filter, ~130x slower with "
            + "thread or count filters); prefer --thread, keep it short, clearall when done";

    /** What the user asked for; map and thread already resolved. */
    public record Request(String name, boolean stop, String location, ObjectReference map, String mapPath,
                          ThreadReference thread, Integer count, String condition, boolean json) {
    }

    private final Session session;
    private final HitReader reader;
    private final ConditionCompiler conditions;
    private final Map<String, Breakpoint> table = new LinkedHashMap<>(); // guarded by this
    private volatile BreakpointListener listener = BreakpointListener.NONE;
    private int generated;
    private long stops; // guarded by this; counts stops so continue can wait for the next one
    private BreakpointHit lastStop; // guarded by this
    private boolean gone; // guarded by this

    /** invokeAllowed: whether conditions may run code in the target (the session's invoke on|off). */
    public Breakpoints(Session session, java.util.function.BooleanSupplier invokeAllowed) {
        this.session = session;
        this.conditions = new ConditionCompiler(invokeAllowed);
        this.reader = new HitReader(session);
        session.events().addListener(why -> {
            synchronized (this) {
                gone = true;
                notifyAll();
            }
            listener.notice(new Message("the target exited: " + why + "; every breakpoint is gone"), false);
        });
    }

    public void listener(BreakpointListener l) {
        listener = l == null ? BreakpointListener.NONE : l;
    }

    public BreakpointInfo set(Request r) {
        Locations.Location location;
        HitCondition condition;
        try {
            location = Locations.parse(r.location());
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
                    r.thread(), r.count(), condition, r.json());
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
        if (!bp.armed()) {
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
                    listener.notice(new Message("breakpoint " + bp.name + ": condition '" + condition.source()
                            + "' failed (" + e.getMessage() + "); such hits count as not met"), false);
                }
                return false;
            }
        }
        long n = bp.claimHit();
        if (n == 0) {
            return false;
        }
        if (method != null && method.grows()) {
            Integer before = reader.tableLength(self, false);
            bp.probe().onReturn(hit, exit -> {
                Integer after = method.method().equals("resize") && HitReader.length(exit.returnValue()) != null
                        ? HitReader.length(exit.returnValue()) : reader.tableLength(self, true);
                return report(bp, hit, method, self, n, before, after);
            });
            return false; // reported when it returns, with the capacity after
        }
        return report(bp, hit, method, self, n, null, null);
    }

    private boolean report(Breakpoint bp, ProbeHit hit, MapMethod method, ObjectReference self, long n,
                           Integer before, Integer after) {
        boolean stop = bp.kind == Breakpoint.Kind.BREAK;
        MapRef map = self == null || method == null ? null : reader.map(self, bp.map != null ? bp.mapRef.path() : null);
        String key = null;
        String value = null;
        if (method != null && !method.grows()) {
            List<Value> args = hit.arguments();
            key = method.keyArg() >= 0 ? reader.preview(args.get(method.keyArg())) : null;
            value = method.valueArg() >= 0 ? reader.preview(args.get(method.valueArg())) : null;
        }
        String location = method != null ? method.className() + "." + method.method() : HitReader.where(hit.location());
        BreakpointHit record = new BreakpointHit("hit", bp.name, HitReader.thread(hit.thread()), location, map, key, value,
                HitReader.caller(hit.thread()), before, after, n, stop);
        if (stop) {
            session.focus().select(hit.thread());
        }
        listener.hit(record, bp.json, bp.on());
        boolean done = bp.countReached() && bp.disarm(Breakpoint.State.DONE);
        if (done) { // said before a waiting continue wakes, so it prints before continue's own line
            listener.notice(new Message(bp.name + ": " + bp.count + (bp.count == 1 ? " hit" : " hits")
                    + ", done (disarmed)"), bp.json);
        }
        synchronized (this) {
            if (stop) {
                stops++;
                lastStop = record;
            }
            notifyAll();
        }
        return stop;
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
            return new Continued(resumed, "running", null);
        }
        synchronized (this) {
            try {
                while (true) {
                    if (stops != seen) {
                        return new Continued(resumed, "stopped", lastStop);
                    }
                    if (gone) {
                        return new Continued(resumed, "target-exited", null);
                    }
                    if (table.values().stream().noneMatch(Breakpoint::armed)) {
                        return new Continued(resumed, "nothing-armed", null);
                    }
                    wait(1_000); // woken by every hit, clear and exit; the timeout only re-checks
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Continued(resumed, "interrupted", null);
            }
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
