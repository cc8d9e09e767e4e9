package io.mapdbg.races;

import com.sun.jdi.ClassType;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import io.mapdbg.session.Session;
import io.mapdbg.session.events.EventHandler;
import io.mapdbg.session.events.EventLoop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which maps are being written, and by how many threads: for {@code races --all}, a short sample taken with entry
 * breakpoints on the public mutators of the not-thread-safe java.util maps, without an instance filter. While it
 * runs every such write in the JVM stops for a round trip, so it is bounded in time and in hits.
 */
public final class WriterCensus {
    /** The mutators a writer calls from outside (the internal ones run nested inside these). */
    private static final Set<String> PUBLIC_MUTATORS = Set.of("put", "putAll", "putIfAbsent", "remove", "removeNode",
            "clear", "compute", "computeIfAbsent", "computeIfPresent", "merge", "replace", "replaceAll",
            "pollFirstEntry", "pollLastEntry");

    /** One written map: how many writes the sample saw and from how many threads. */
    public record Written(ObjectReference map, long writes, int threads) {
    }

    private static final class Tally {
        final ObjectReference map;
        final Set<Long> threads = new HashSet<>();
        long writes;

        Tally(ObjectReference map) {
            this.map = map;
        }
    }

    private final Session session;
    private final VirtualMachine vm;
    private final Map<Long, Tally> tallies = new LinkedHashMap<>(); // guarded by this
    private long hits; // guarded by this

    public WriterCensus(Session session) {
        this.session = session;
        this.vm = session.vm();
    }

    /** Samples writes for at most {@code length} or {@code maxHits} hits; every request is deleted before it returns. */
    public List<Written> sample(Duration length, long maxHits) {
        session.events();
        List<EventRequest> requests = new ArrayList<>();
        try {
            session.suspended(() -> { // all armed at once, and no VM operation starved by running writers
                for (String name : Mutators.DECLARING) {
                    for (ReferenceType t : vm.classesByName(name)) {
                        if (!(t instanceof ClassType c) || !t.isPrepared()) {
                            continue;
                        }
                        for (Method m : c.methods()) {
                            if (PUBLIC_MUTATORS.contains(m.name()) && !m.isAbstract() && !m.isNative() && !m.isStatic()) {
                                BreakpointRequest bp = vm.eventRequestManager().createBreakpointRequest(m.location());
                                bp.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                                bp.putProperty(EventLoop.HANDLER, (EventHandler) e -> onHit((BreakpointEvent) e, maxHits));
                                bp.enable();
                                requests.add(bp);
                            }
                        }
                    }
                }
                return null;
            });
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end && !full(maxHits) && !session.events().targetGone()) {
                try {
                    Thread.sleep(20); // a sampling window the user asked for, not a wait for a state
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            JdwpRaceSource.deleteSuspended(session, requests);
        }
        synchronized (this) {
            List<Written> out = new ArrayList<>();
            tallies.values().forEach(t -> out.add(new Written(t.map, t.writes, t.threads.size())));
            return out;
        }
    }

    private synchronized boolean full(long maxHits) {
        return hits >= maxHits;
    }

    /** Hits seen by the sample. */
    public synchronized long hits() {
        return hits;
    }

    private boolean onHit(BreakpointEvent e, long maxHits) {
        synchronized (this) {
            if (hits >= maxHits) {
                return false;
            }
            hits++;
        }
        try {
            ObjectReference map = e.thread().frame(0).thisObject();
            if (map == null) {
                return false;
            }
            synchronized (this) {
                Tally t = tallies.computeIfAbsent(map.uniqueID(), id -> new Tally(map));
                t.writes++;
                t.threads.add(e.thread().uniqueID());
            }
        } catch (IncompatibleThreadStateException | ObjectCollectedException ex) {
            // the thread or map moved on: one sample fewer
        }
        return false;
    }
}
