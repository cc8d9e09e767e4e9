package io.mapdbg.breakpoints;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.model.Continued;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Message;
import io.mapdbg.model.Result;
import io.mapdbg.model.RunReport;
import io.mapdbg.model.ThreadRef;
import io.mapdbg.model.TraceDropped;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;

/**
 * {@code trace mapassign [--map X] [--thread T] [if COND]} served by the mapdbg agent: the agent's write hooks check
 * the map's identity in java.util's write paths (other maps pay one comparison, nothing stops; without --map every
 * write of every map is offered), test the thread and the condition on the writer's thread (field reads only: see
 * {@link AgentConditions}), queue an event per accepted write in a bounded ring, and stream them here over a second
 * connection. Each event becomes the same {@link BreakpointHit} the JDWP path publishes (location: the JDK method
 * written through; caller: the first frame outside java.util; source: agent). Events the ring could not hold are
 * counted by the agent and said as {@link TraceDropped} once a second; a condition that failed, once. The control connection is the hooks'
 * lease (the agent's client session; the stream names it and gets only its events): when this side goes away
 * (detach, exit, a crash, kill -9) the agent disarms what it armed, and another client's traces and races go on.
 */
public final class AgentTraces implements AutoCloseable {
    public static final String NOTE = "via agent: a hook in the map classes' write paths checks this map's identity; "
            + "other maps pay one comparison and stay compiled";
    private static final long NOTE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AgentClient control;
    private final BiConsumer<Result, Boolean> publish;
    private final Map<Long, AgentTrace> byMap = new ConcurrentHashMap<>(); // the armed ones
    private volatile AgentTrace everyMap; // the armed trace of every map's writes, if any
    private final Map<String, AgentTrace> byName = new ConcurrentHashMap<>(); // armed or done, until clearall
    private final AtomicLong dropped = new AtomicLong(); // of the current stream, since it started
    private volatile boolean streamLost; // the event stream ended under armed traces (the target exited)
    private volatile boolean closed; // after close, a batch being read publishes nothing more
    private int named; // guarded by this
    private Thread reader; // guarded by this
    private AgentClient stream; // guarded by this

    /** publish: where hits and notices go, with their json flag (the REPL prints them above the prompt). */
    public AgentTraces(AgentClient control, BiConsumer<Result, Boolean> publish) {
        this.control = control;
        this.publish = publish;
    }

    /** What to trace: the map (null: every map), thread (null: any), condition text (null: none), the bounds. */
    public record Spec(String name, Map<String, String> mapArgs, ThreadRef thread, String condition, Integer count,
                       boolean writesOnly, boolean json) {
    }

    public static final String NOTE_ALL = "via agent: every map's writes are offered to a bounded ring (32,768 events;"
            + " what it cannot hold is counted as dropped); every write of every map pays the hook's slow path while"
            + " this runs";

    /**
     * Arms a trace of the writes to one map (spec.mapArgs names it for the agent: path=... or id=...), or of every
     * map (mapArgs null). A condition the agent cannot evaluate is refused before anything is armed.
     */
    public synchronized BreakpointInfo trace(Spec spec) {
        String traceName = spec.name() != null ? spec.name() : "t" + (++named);
        if (byName.containsKey(traceName)) {
            throw new IllegalArgumentException("a trace named " + traceName + " exists already");
        }
        if (spec.mapArgs() == null && everyMap != null) {
            throw new IllegalArgumentException("trace " + everyMap.name + " traces every map already: clear it first");
        }
        LongPredicate hitCount = spec.condition() == null ? null : ConditionCompiler.hitCount(spec.condition());
        Map<String, String> args = new java.util.LinkedHashMap<>();
        if (spec.condition() != null && hitCount == null) {
            args.put("cond", AgentConditions.wire(spec.condition()));
        }
        if (spec.thread() != null) {
            args.put("thread", Long.toString(spec.thread().id()));
        }
        AgentTrace trace;
        try {
            if (spec.mapArgs() == null) {
                args.put("on", "true");
                DataInputStream in = control.call("hooks.traceAll", args);
                trace = new AgentTrace(traceName, spec, null, hitCount, hooked(in));
            } else {
                args.putAll(spec.mapArgs());
                args.put("mode", "trace");
                DataInputStream in = control.call("hooks.watch", args);
                long id = in.readLong();
                String className = in.readUTF();
                String path = in.readUTF();
                trace = new AgentTrace(traceName, spec, new MapRef(id, className, path.isEmpty() ? null : path), hitCount,
                        hooked(in));
            }
        } catch (IOException e) {
            throw new TargetException("the agent's answer to a watch could not be read: " + e, e);
        }
        if (trace.map == null) {
            everyMap = trace;
        } else {
            byMap.put(trace.map.id(), trace);
        }
        byName.put(traceName, trace);
        startReader();
        return trace.info(dropped.get());
    }

    private static List<String> hooked(DataInputStream in) throws IOException {
        List<String> hooked = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            hooked.add(in.readUTF() + " write paths");
        }
        return hooked;
    }

    private boolean armed() {
        return !byMap.isEmpty() || everyMap != null;
    }

    /**
     * For {@code break mapassign --map M} with JDWP: has the agent call {@code MapHook.hit} on each write to M (the
     * JDI breakpoint sits there) and holds the event stream open. Returns the map.
     */
    public synchronized MapRef watchForBreak(Map<String, String> mapArgs) {
        Map<String, String> args = new java.util.LinkedHashMap<>(mapArgs);
        args.put("mode", "break");
        DataInputStream in = control.call("hooks.watch", args);
        MapRef map;
        try {
            long id = in.readLong();
            String className = in.readUTF();
            String path = in.readUTF();
            map = new MapRef(id, className, path.isEmpty() ? null : path);
        } catch (IOException e) {
            throw new TargetException("the agent's answer to a watch could not be read: " + e, e);
        }
        startReader();
        return map;
    }

    /**
     * A one-shot trace: waits until it is done (--count reached) or the target exits, then clears the hooks;
     * answers like {@code continue} does.
     */
    public Continued await(String name) throws InterruptedException {
        AgentTrace t = find(name);
        t.done.await();
        long d = dropped.get();
        String outcome = t.state.equals("done") ? "nothing-armed" : "target-exited";
        if (outcome.equals("nothing-armed")) {
            clearAll();
        }
        return new Continued(0, outcome, null, d);
    }

    /**
     * run where only the agent serves (an agent script, the agent REPL): the hooks stream hits by themselves, so this
     * waits until duration passes, hits hits were printed, a bound of limits is reached, nothing is left armed (when
     * bounded by hits or unbounded), the stream is lost, or the thread is interrupted; and reports as run does.
     */
    public RunReport run(Duration duration, Long hits, RunLimits limits) {
        long start = System.nanoTime();
        long localEnd = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long end = Math.min(localEnd, limits.deadline());
        long cap = Math.min(hits == null ? Long.MAX_VALUE : hits, limits.eventsLeft());
        long before = printedHits();
        String outcome;
        while (true) {
            long taken = printedHits() - before;
            if (taken >= cap) {
                outcome = hits != null && cap == hits ? "hits" : "limit";
                break;
            }
            if (streamLost) {
                outcome = "target-exited";
                break;
            }
            if ((hits != null || duration == null) && !armed()) {
                outcome = "nothing-armed";
                break;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                outcome = end == localEnd ? "duration" : "limit";
                break;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(20, TimeUnit.NANOSECONDS.toMillis(left)))); // hits come on the reader
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "interrupted";
                break;
            }
        }
        long taken = Math.min(printedHits() - before, cap);
        limits.used(taken);
        return new RunReport(null, outcome, taken, (System.nanoTime() - start) / 1_000_000, 0, null, dropped.get(),
                outcome.equals("limit") ? limits.reached() : null);
    }

    /** Hits printed so far over every trace (a trace's hits beyond its --count are not printed). */
    private long printedHits() {
        long n = 0;
        for (AgentTrace t : byName.values()) {
            Integer count = t.spec.count();
            n += count == null ? t.hits.get() : Math.min(t.hits.get(), count);
        }
        return n;
    }

    public List<BreakpointInfo> list() {
        return byName.values().stream().map(t -> t.info(dropped.get())).toList();
    }

    /** Disarms every agent trace and has the agent retransform the map classes back. */
    public synchronized BreakpointsCleared clearAll() {
        List<String> names = new ArrayList<>();
        for (AgentTrace t : byName.values()) {
            if (t.state.equals("armed")) {
                t.state = "cleared";
            }
            names.add(t.name);
            t.done.countDown();
        }
        byMap.clear();
        everyMap = null;
        byName.clear();
        control.call("hooks.clear", Map.of());
        return new BreakpointsCleared(names, 0);
    }

    private AgentTrace find(String name) {
        AgentTrace t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no agent trace named " + name);
        }
        return t;
    }

    private synchronized void startReader() {
        if (reader != null && reader.isAlive()) {
            return;
        }
        long session = session();
        stream = AgentClient.connect(control.handshake());
        dropped.set(0);
        AgentClient connection = stream;
        reader = new Thread(() -> read(connection, session), "mapdbg-agent-trace");
        reader.setDaemon(true);
        reader.start();
    }

    /** The agent's id of the control connection's session: the watches are its, the stream serves its events. */
    private long session() {
        try {
            return control.call("hooks.session", Map.of()).readLong();
        } catch (IOException e) {
            throw new TargetException("the agent's answer to hooks.session could not be read: " + e, e);
        }
    }

    private void read(AgentClient connection, long session) {
        long[] base = {-1};
        long[] lastNote = {System.nanoTime()};
        boolean ended = false;
        try {
            connection.stream("hooks.events", Map.of("session", Long.toString(session), "batch", "4096"), frame -> frame(frame, base, lastNote));
        } catch (RuntimeException e) {
            ended = true; // the target exited or the connection was closed (detach): the traces end here
        } finally {
            connection.close();
            sayDrops(true);
            synchronized (this) {
                reader = null;
                for (AgentTrace t : armedTraces()) {
                    if (ended) {
                        t.state = "ended";
                        publish.accept(t.info(dropped.get()), t.spec.json()); // said before a one-shot returns
                        t.done.countDown();
                    }
                }
                if (ended) {
                    streamLost |= armed();
                    byMap.clear();
                    everyMap = null;
                } else if (armed()) {
                    startReader(); // armed while the agent was ending a stream that had nothing left to trace
                }
            }
        }
    }

    private void frame(byte[] bytes, long[] base, long[] lastNote) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            while (in.available() > 0 && !closed) {
                int tag = in.readByte();
                if (tag == 'f') {
                    boolean all = in.readBoolean();
                    long mapId = in.readLong();
                    String mapClass = in.readUTF();
                    event(all, mapId, mapClass, in.readUTF(), in.readLong(), in.readUTF(), in.readLong(), nullable(in),
                            nullable(in), nullable(in));
                } else if (tag == 'c') {
                    boolean all = in.readBoolean();
                    long mapId = in.readLong();
                    long failures = in.readLong();
                    conditionFailed(all ? everyMap : byMap.get(mapId), failures, in.readUTF());
                } else if (tag == 's') {
                    in.readLong();
                    long total = in.readLong();
                    if (base[0] < 0) {
                        base[0] = total;
                    }
                    dropped.set(total - base[0]);
                } else {
                    throw new TargetException("unknown record " + tag + " in the agent's event stream");
                }
            }
        } catch (IOException e) {
            throw new TargetException("the agent's event stream could not be read: " + e, e);
        }
        if (System.nanoTime() - lastNote[0] > NOTE_EVERY_NANOS) {
            sayDrops(false);
            lastNote[0] = System.nanoTime();
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private void event(boolean all, long mapId, String mapClass, String site, long millis, String thread,
                       long threadId, String key, String value, String caller) {
        AgentTrace t = all ? everyMap : byMap.get(mapId);
        if (t == null || !t.state.equals("armed")) {
            return;
        }
        String op = MapOps.of(site, value == null || value.equals("null"));
        if (t.spec.writesOnly() && !MapOps.writes(op)) {
            return;
        }
        if (t.hitCount != null && !t.hitCount.test(t.candidates.incrementAndGet())) {
            return;
        }
        long hit = t.hits.incrementAndGet();
        Integer count = t.spec.count();
        if (count != null && hit > count) {
            return;
        }
        MapRef map = t.map != null ? t.map : new MapRef(mapId, mapClass, null);
        publish.accept(new BreakpointHit(null, t.name, new ThreadRef(thread, threadId), site, map, key, value, caller,
                null, null, hit, false, op, "agent"), t.spec.json());
        if (count != null && hit == count) {
            t.state = "done";
            disarmed(t);
            publish.accept(t.info(dropped.get()), t.spec.json());
            unwatch(t);
            t.done.countDown();
        }
    }

    /** A failing condition, said once per trace, as the JDWP path says it. */
    private void conditionFailed(AgentTrace t, long failures, String message) {
        if (t == null || t.failureSaid) {
            return;
        }
        t.failureSaid = true;
        publish.accept(new Message("trace " + t.name + ": condition '" + t.spec.condition() + "' failed (" + message
                + "); such hits count as not met"), t.spec.json());
    }

    private void disarmed(AgentTrace t) {
        if (t.map == null) {
            everyMap = null;
        } else {
            byMap.remove(t.map.id());
        }
    }

    private List<AgentTrace> armedTraces() {
        List<AgentTrace> out = new ArrayList<>(byMap.values());
        AgentTrace all = everyMap;
        if (all != null) {
            out.add(all);
        }
        return out;
    }

    private void unwatch(AgentTrace t) {
        try {
            if (t.map == null) {
                control.call("hooks.traceAll", Map.of("on", "false"));
            } else {
                control.call("hooks.unwatch", Map.of("id", Long.toString(t.map.id())));
            }
        } catch (RuntimeException e) {
            // the target may be gone; the lease clears the rest
        }
    }

    private void sayDrops(boolean now) {
        long d = dropped.get();
        for (AgentTrace t : armedTraces()) {
            if (d > t.droppedSaid) {
                t.droppedSaid = d;
                publish.accept(new TraceDropped(t.name, d), t.spec.json());
            }
        }
    }

    /**
     * Unwatches this side's maps and ends the stream (whatever is left the agent disarms when the control connection
     * ends: it is the lease).
     */
    @Override
    public void close() {
        Thread last;
        closed = true;
        synchronized (this) {
            for (AgentTrace t : armedTraces()) {
                t.done.countDown();
                unwatch(t);
            }
            byMap.clear();
            everyMap = null;
            if (stream != null) {
                stream.close();
            }
            last = reader;
        }
        // the reader may be handing over a hit: what comes after close (a script's end line) must come after it
        if (last != null && last != Thread.currentThread()) {
            try {
                last.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
