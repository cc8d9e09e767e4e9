package io.mapdbg.races;

import com.sun.jdi.ClassType;
import com.sun.jdi.InvalidStackFrameException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.MethodExitEvent;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.MethodExitRequest;
import io.mapdbg.session.JdiHeapObject;
import io.mapdbg.session.Session;
import io.mapdbg.session.events.EventHandler;
import io.mapdbg.session.events.EventLoop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Races over JDWP: an entry breakpoint on each mutator of each watched map and breakpoints at the mutator's
 * return instructions, all with an instance filter, suspending only the event thread. Like Go's hashWriting flag,
 * kept per map: a thread that enters a mutator is "inside" until its outermost mutator returns. When
 * a second thread enters while another is inside, the first one's stack is checked (a mutator frame whose this is
 * the map): confirmed, it is an overlap. A writer serialised by a lock never gets there: it blocks on the lock
 * before the mutator is entered.
 *
 * <p>To make an overlap visible, the first writer is held (suspended) for a short window once the map has been
 * written by two threads; the event loop resumes its event set and a timer ends the hold. This slows the watched
 * map (each write costs a few JDWP round trips, and held writes wait the window), and every call of those
 * methods in the JVM runs interpreted while armed.
 */
public final class JdwpRaceSource implements RaceSource {
    private final Session session;
    private final VirtualMachine vm;
    private final WriterSnapshot writers;
    private final long holdMillis;
    private final List<EventRequest> requests = new ArrayList<>(); // guarded by this
    private final Map<Long, Watch> watches = new HashMap<>(); // by map id; guarded by this
    private final Set<ThreadReference> held = ConcurrentHashMap.newKeySet(); // suspended by us, not yet resumed
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mapdbg-race-hold");
        t.setDaemon(true);
        return t;
    });
    private OverlapSink sink = o -> { };
    private volatile boolean closed;
    private long stale; // inside-records found out of date by a stack check; guarded by this
    private boolean exitRequests; // fell back to MethodExitRequests (no bytecodes from this VM)

    /** Who is inside a watched map's mutators, by thread id. */
    private static final class Watch {
        final WatchedTarget target;
        final ObjectReference map;
        final Map<Long, Inside> inside = new HashMap<>();
        final Set<Long> writers = new HashSet<>();
        long writes;
        ThreadReference holding;

        Watch(WatchedTarget target, ObjectReference map) {
            this.target = target;
            this.map = map;
        }
    }

    /**
     * A thread inside a map's mutators, with its nesting depth (no round trip: entries and exits are counted). An
     * exception that leaves a mutator skips its exit; the stack check of {@link #confirm} finds such a record stale.
     */
    private static final class Inside {
        final ThreadReference thread;
        int depth = 1;

        Inside(ThreadReference thread) {
            this.thread = thread;
        }
    }

    public JdwpRaceSource(Session session, long holdMillis) {
        this.session = session;
        this.vm = session.vm();
        this.writers = new WriterSnapshot(session);
        this.holdMillis = holdMillis;
    }

    @Override
    public String way() {
        return "jdwp";
    }

    @Override
    public void start(List<WatchedTarget> maps, OverlapSink sink) {
        this.sink = sink;
        session.events(); // the loop that dispatches our requests
        session.onClose(this::close); // never leave a held writer suspended, whatever ends the session
        // armed with the VM suspended: every request costs the target a VM operation, which running writers (each
        // call of a watched method evaluates the instance filters) would otherwise starve; all are armed at once too
        session.suspended(() -> {
            synchronized (this) {
                for (WatchedTarget t : maps) {
                    ObjectReference map = ((JdiHeapObject) t.object()).reference();
                    Watch w = new Watch(t, map);
                    watches.put(t.ref().id(), w);
                    arm(w);
                }
            }
            return null;
        });
    }

    private void arm(Watch w) {
        EventRequestManager erm = vm.eventRequestManager();
        // -Dmapdbg.races.exitRequests=true: watch exits with MethodExitRequests as on a VM without bytecodes (measuring)
        boolean bytecodes = vm.canGetBytecodes() && !Boolean.getBoolean("mapdbg.races.exitRequests");
        Set<ClassType> declaring = new HashSet<>();
        for (Method m : Mutators.of((ClassType) w.map.referenceType())) {
            add(erm.createBreakpointRequest(m.location()), w, e -> onEntry((LocatableEvent) e, w));
            declaring.add((ClassType) m.declaringType());
            if (bytecodes) {
                for (int at : ReturnOffsets.of(m.bytecodes())) {
                    Location exit = m.locationOfCodeIndex(at);
                    if (exit != null) {
                        add(erm.createBreakpointRequest(exit), w, e -> onExit((LocatableEvent) e, w));
                    }
                }
            }
        }
        if (!bytecodes) { // slower: exits of every method of the class, filtered to this instance in the target
            exitRequests = true;
            for (ClassType c : declaring) {
                MethodExitRequest exit = erm.createMethodExitRequest();
                exit.addClassFilter(c);
                add(exit, w, e -> Mutators.isEntryPoint(((MethodExitEvent) e).method()) && onExit((LocatableEvent) e, w));
            }
        }
    }

    private void add(EventRequest r, Watch w, EventHandler handler) {
        if (r instanceof com.sun.jdi.request.BreakpointRequest b) {
            b.addInstanceFilter(w.map);
        } else if (r instanceof MethodExitRequest m) {
            m.addInstanceFilter(w.map);
        }
        r.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        r.putProperty(EventLoop.HANDLER, (EventHandler) e -> {
            try {
                return !closed && handler.handle(e);
            } catch (ObjectCollectedException | WriterSnapshot.IncompatibleThreadStateRuntime | InvalidStackFrameException ex) {
                return false; // the thread or map moved on under us: not an overlap
            }
        });
        r.enable();
        requests.add(r);
    }

    private boolean onEntry(LocatableEvent e, Watch w) {
        ThreadReference t = e.thread();
        List<Inside> others = new ArrayList<>();
        synchronized (this) {
            Inside mine = w.inside.get(t.uniqueID());
            if (mine != null) {
                mine.depth++; // nested: put -> putVal -> resize
                return false;
            }
            w.inside.put(t.uniqueID(), new Inside(t));
            w.writes++;
            w.writers.add(t.uniqueID());
            w.inside.forEach((id, in) -> {
                if (id != t.uniqueID()) {
                    others.add(in);
                }
            });
        }
        for (Inside other : others) {
            Overlap o = confirm(w, other.thread, t, e.location().method());
            if (o != null) {
                sink.overlap(o);
                return false;
            }
            synchronized (this) {
                if (w.inside.remove(other.thread.uniqueID(), other)) { // it left by an exception: forget it
                    stale++;
                }
            }
        }
        maybeHold(t, w);
        return false;
    }

    private boolean onExit(LocatableEvent e, Watch w) {
        long id = e.thread().uniqueID();
        synchronized (this) {
            Inside mine = w.inside.get(id);
            if (mine != null && --mine.depth == 0) {
                w.inside.remove(id);
            }
        }
        return false;
    }

    /** Holds a first writer for the window, once two threads have written the map and nobody else is held on it. */
    private void maybeHold(ThreadReference t, Watch w) {
        synchronized (this) { // with close(): once closed, nothing is held any more
            if (holdMillis <= 0 || w.writers.size() < 2 || w.holding != null || closed) {
                return;
            }
            w.holding = t;
            t.suspend(); // one more suspension than the event's: the loop resumes the event set, t stays
            held.add(t);
        }
        try {
            timer.schedule(() -> release(t, w), holdMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            release(t, w);
        }
    }

    private void release(ThreadReference t, Watch w) {
        synchronized (this) {
            if (w.holding == t) {
                w.holding = null;
            }
        }
        if (held.remove(t)) {
            try {
                t.resume();
            } catch (VMDisconnectedException | ObjectCollectedException e) {
                // gone: nothing to resume
            }
        }
    }

    /**
     * Whether {@code other} is really inside a mutator of the map now: suspends it (unless we hold it) and looks for
     * a mutator frame whose {@code this} is the map. Returns the overlap, or null.
     */
    private Overlap confirm(Watch w, ThreadReference other, ThreadReference entering, Method enteringMethod) {
        boolean suspendedHere = !held.contains(other);
        if (suspendedHere) {
            other.suspend();
        }
        try {
            Overlap.Writer inside = writers.inside(other, w.map);
            if (inside == null) {
                return null;
            }
            return new Overlap(w.target.ref(), inside, writers.entering(entering, enteringMethod), System.nanoTime());
        } finally {
            if (suspendedHere) {
                other.resume();
            }
        }
    }

    /**
     * Deletes requests with the VM suspended. Measured on JDK 25 targets: deleting ~100 instance-filtered breakpoints
     * while writers ran took up to two minutes (each delete waits for a VM operation the writers' filter checks
     * starve); suspended, it takes milliseconds. Falls back to a plain delete when the VM cannot be suspended.
     */
    static void deleteSuspended(Session session, List<EventRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        Runnable delete = () -> {
            try {
                session.vm().eventRequestManager().deleteEventRequests(requests);
            } catch (VMDisconnectedException | com.sun.jdi.request.InvalidRequestStateException e) {
                // gone, or deleted by the session's close already
            }
        };
        try {
            session.suspended(() -> {
                delete.run();
                return null;
            });
        } catch (RuntimeException e) { // the session is closed or the VM gone: try without the suspension
            delete.run();
        }
    }

    @Override
    public synchronized WriteCounts counts() {
        Map<Long, Long> writes = new HashMap<>();
        Map<Long, Integer> writers = new HashMap<>();
        watches.forEach((id, w) -> {
            writes.put(id, w.writes);
            writers.put(id, w.writers.size());
        });
        return new WriteCounts(writes, writers);
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("over JDWP: breakpoints on the watched maps' mutators make every call of those methods in the JVM "
                + "run interpreted, and each write to a watched map costs a few round trips");
        if (holdMillis > 0) {
            notes.add("the first writer of a map written by two threads is held " + holdMillis
                    + " ms per write to make an overlap visible: the watched map is slowed while armed");
        }
        synchronized (this) {
            if (stale > 0) {
                notes.add(stale + " writer(s) seemed inside a mutator but were not (left by an exception): checked, "
                        + "not counted as overlaps");
            }
        }
        if (exitRequests) {
            notes.add("exits are watched with method-exit requests (no bytecodes from this VM, or -Dmapdbg.races.exitRequests): slower");
        }
        return notes;
    }

    @Override
    public void close() {
        List<EventRequest> toDelete;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toDelete = new ArrayList<>(requests);
            requests.clear();
        }
        deleteSuspended(session, toDelete);
        timer.shutdownNow();
        for (ThreadReference t : new ArrayList<>(held)) {
            if (held.remove(t)) {
                try {
                    t.resume();
                } catch (VMDisconnectedException | ObjectCollectedException e) {
                    // gone
                }
            }
        }
    }
}
