package io.mapdbg.service;

import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.locks.Deadlocks;
import io.mapdbg.locks.LockResolver;
import io.mapdbg.locks.MapLockFinder;
import io.mapdbg.locks.WaitingFrame;
import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;
import io.mapdbg.session.Session;
import io.mapdbg.threads.FrameReader;
import io.mapdbg.threads.LiveThread;
import io.mapdbg.threads.ThreadReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.mapdbg.locks.values.ValueWait;
import io.mapdbg.locks.values.ValueWaits;
import java.util.function.Function;

/**
 * {@code threads --blocked}: who waits on which lock, who holds it and what the holder does, the map and bin a
 * lock belongs to, and deadlocks. One pause of the whole VM (always resumed) reads, per thread, its status; for a
 * BLOCKED thread its contended monitor and the monitor's owner; for a parked one {@code Thread.parkBlocker} and,
 * for a synchronizer, its exclusive owner; frames only for waiters (the waiting frame) and owners (the top
 * {@link #OWNER_FRAMES}). Reads run on {@link ThreadReader}'s pool. Maps, bins and static paths are found after
 * the resume: a bin head stays the same while its lock is held, which is exactly while its waiters wait.
 *
 * <p>The lock-to-map-entry hook (waits on map values) is passed in; it is asked once per lock and may answer null.
 */
public final class BlockedService {
    public static final int OWNER_FRAMES = 6;
    private static final int WAITER_FRAMES = 10;

    private final Session session;
    private final Function<ObjectReference, MapEntryRef> mapEntries;

    /** With waits on map values resolved (a latch that is a value of a map is reported with its map and key). */
    public BlockedService(Session session) {
        this(session, valueEntries(session));
    }

    /**
     * Finds, for latch-style locks only (CountDownLatch, Semaphore, CompletableFuture, Phaser, a monitor waited
     * on), the map entry whose value holds them. The index of map values is built once per report, and only
     * when such a lock is seen: it walks the maps of the heap (bounded by ValueWaits.Bounds.DEFAULT).
     */
    private static Function<ObjectReference, MapEntryRef> valueEntries(Session session) {
        ValueWaits[] index = {null};
        return lock -> {
            try {
                String cls = lock.referenceType().name();
                boolean latchStyle = cls.startsWith("java.util.concurrent.CountDownLatch")
                        || cls.startsWith("java.util.concurrent.Semaphore")
                        || cls.startsWith("java.util.concurrent.CompletableFuture")
                        || cls.startsWith("java.util.concurrent.Phaser")
                        || cls.equals("java.lang.Object") || !cls.startsWith("java.");
                if (!latchStyle) {
                    return null;
                }
                return session.suspended(() -> {
                    if (index[0] == null) {
                        index[0] = ValueWaits.index(session, ValueWaits.Bounds.DEFAULT);
                    }
                    return index[0].find(lock).map(ValueWait::entry).orElse(null);
                });
            } catch (RuntimeException e) {
                return null; // a value wait that cannot be resolved leaves the cluster as it is
            }
        };
    }

    public BlockedService(Session session, Function<ObjectReference, MapEntryRef> mapEntries) {
        this.session = session;
        this.mapEntries = mapEntries;
    }

    /** One waiting thread as read in the pause: the lock, the waiting frame, and this of its map frame if any. */
    private record Wait(LiveThread thread, LockResolver.Lock lock, String frame, ObjectReference frameThis) {
    }

    public BlockedReport blocked() {
        LockResolver locks = new LockResolver();
        try (ThreadReader reader = new ThreadReader(session.vm())) {
            List<ThreadReader.Identity> identities = session.call("listing threads",
                    () -> reader.identify(reader.allThreads()));
            Field parkBlocker = session.call("reading Thread", () -> threadField("parkBlocker"));
            Map<ThreadReference, LiveThread> byRef = new HashMap<>();
            Map<ThreadReference, List<String>> ownerFrames = new HashMap<>();
            List<Wait> waits = new ArrayList<>();
            long start = System.nanoTime();
            session.suspended(() -> {
                List<ThreadReference> now = reader.allThreads();
                java.util.Set<ThreadReference> known = new java.util.HashSet<>();
                identities.forEach(i -> known.add(i.reference()));
                List<ThreadReader.Identity> all = new ArrayList<>(identities);
                all.addAll(reader.identify(now.stream().filter(t -> !known.contains(t)).toList()));
                List<LiveThread> states = reader.states(all);
                states.forEach(t -> byRef.put(t.reference(), t));
                for (Wait w : reader.map(states, t -> observe(t, parkBlocker, locks))) {
                    if (w != null) {
                        waits.add(w);
                    }
                }
                List<ThreadReference> owners = waits.stream().map(w -> w.lock().owner()).filter(o -> o != null)
                        .distinct().toList();
                List<List<String>> frames = reader.map(owners, o -> frameTexts(ThreadReader.frames(o, OWNER_FRAMES)));
                for (int i = 0; i < owners.size(); i++) {
                    ownerFrames.put(owners.get(i), frames.get(i));
                }
                return null;
            });
            long pause = (System.nanoTime() - start) / 1_000_000;
            return session.call("resolving locks", () -> report(byRef, waits, ownerFrames, locks, pause));
        }
    }

    private Field threadField(String name) {
        for (ReferenceType t : session.vm().classesByName("java.lang.Thread")) {
            return t.fieldByName(name);
        }
        return null;
    }

    private static Wait observe(LiveThread t, Field parkBlocker, LockResolver locks) {
        try {
            ThreadReference ref = t.reference();
            LockResolver.Lock lock = null;
            switch (t.state()) {
                case "BLOCKED" -> {
                    ObjectReference m = ref.currentContendedMonitor();
                    if (m != null) {
                        lock = locks.monitor(m, true);
                    }
                }
                case "WAITING", "TIMED_WAITING" -> {
                    if ("SLEEPING".equals(t.jdiStatus())) {
                        return null;
                    }
                    if (parkBlocker != null && ref.getValue(parkBlocker) instanceof ObjectReference b) {
                        lock = locks.blocker(b);
                    } else {
                        ObjectReference m = ref.currentContendedMonitor(); // in Object.wait()
                        if (m != null) {
                            lock = locks.monitor(m, false);
                        }
                    }
                }
                default -> {
                    return null;
                }
            }
            if (lock == null) {
                return null;
            }
            List<StackFrame> frames = ThreadReader.frames(ref, WAITER_FRAMES);
            List<String> classes = frames.stream().map(f -> f.location().declaringType().name()).toList();
            int at = WaitingFrame.pick(classes);
            String frame = at < 0 ? null : FrameReader.location(at, frames.get(at)).where();
            ObjectReference frameThis = null;
            if (lock.className().startsWith(MapLockFinder.CHM + "$")
                    || lock.className().startsWith("java.util.Collections$Synchronized")) {
                for (int i = 0; i < frames.size(); i++) {
                    String c = classes.get(i);
                    if (c.equals(MapLockFinder.CHM) || c.startsWith("java.util.Collections$Synchronized")) {
                        frameThis = frames.get(i).thisObject();
                        break;
                    }
                }
            }
            return new Wait(t, lock, frame, frameThis);
        } catch (IncompatibleThreadStateException | ObjectCollectedException | IllegalThreadStateException e) {
            return null; // ended meanwhile
        }
    }

    private static List<String> frameTexts(List<StackFrame> frames) {
        return FrameReader.locations(frames).stream().map(f -> f.where()).toList();
    }

    private BlockedReport report(Map<ThreadReference, LiveThread> byRef, List<Wait> waits,
                                 Map<ThreadReference, List<String>> ownerFrames, LockResolver locks, long pause) {
        Map<Long, List<Wait>> byLock = new LinkedHashMap<>();
        for (Wait w : waits) {
            byLock.computeIfAbsent(w.lock().object().uniqueID(), id -> new ArrayList<>()).add(w);
        }
        MapLockFinder finder = new MapLockFinder(locks, () -> MapLockFinder.instancesOf(
                session.loadedClassesInFamilies(List.of(MapLockFinder.CHM))));
        Map<Long, MapLockFinder.Found> found = new HashMap<>();
        for (Map.Entry<Long, List<Wait>> e : byLock.entrySet()) {
            Wait first = e.getValue().get(0);
            ObjectReference frameThis = e.getValue().stream().map(Wait::frameThis).filter(o -> o != null)
                    .findFirst().orElse(null);
            MapLockFinder.Found f = finder.find(first.lock().object(), frameThis);
            if (f != null) {
                found.put(e.getKey(), f);
            }
        }
        List<HeapObject> maps = found.values().stream().map(f -> (HeapObject) session.mirror(f.map())).distinct().toList();
        Map<Long, String> paths = maps.isEmpty() ? Map.of() : session.staticHoldersOf(maps);

        List<BlockedCluster> clusters = new ArrayList<>();
        for (Map.Entry<Long, List<Wait>> e : byLock.entrySet()) {
            List<Wait> ws = new ArrayList<>(e.getValue());
            ws.sort(Comparator.comparing(w -> w.thread().name()));
            LockResolver.Lock lock = ws.get(0).lock();
            MapLockFinder.Found f = found.get(e.getKey());
            MapBin map = null;
            String detail = lock.detail();
            if (f != null) {
                long id = f.map().uniqueID();
                map = new MapBin(id, f.map().referenceType().name(), paths.get(id), f.bin());
                if (f.note() != null) {
                    detail = detail == null ? f.note() : detail + "; " + f.note();
                }
            }
            LockRef ref = new LockRef(lock.kind(), lock.className(), e.getKey(), detail);
            List<Waiter> waiters = ws.stream().map(w -> new Waiter(w.thread().name(), w.thread().id(),
                    w.thread().state(), w.frame())).toList();
            clusters.add(new BlockedCluster(ref, summary(lock.owner(), byRef, ownerFrames), waiters, map,
                    mapEntries.apply(lock.object())));
        }
        clusters.sort(Comparator.comparingInt((BlockedCluster c) -> -c.waiters().size())
                .thenComparingLong(c -> c.lock().id()));
        return new BlockedReport(byRef.size(), clusters, deadlocks(waits, byRef, ownerFrames), pause, false);
    }

    private static ThreadSummary summary(ThreadReference t, Map<ThreadReference, LiveThread> byRef,
                                        Map<ThreadReference, List<String>> ownerFrames) {
        if (t == null) {
            return null;
        }
        LiveThread live = byRef.get(t);
        if (live == null) {
            return new ThreadSummary(t.name(), t.uniqueID(), "UNKNOWN", ownerFrames.getOrDefault(t, List.of()));
        }
        return new ThreadSummary(live.name(), live.id(), live.state(), ownerFrames.getOrDefault(t, List.of()));
    }

    private static List<Deadlock> deadlocks(List<Wait> waits, Map<ThreadReference, LiveThread> byRef,
                                            Map<ThreadReference, List<String>> ownerFrames) {
        Map<Long, Long> edges = new HashMap<>();
        Map<Long, Wait> byThread = new HashMap<>();
        for (Wait w : waits) {
            ThreadReference owner = w.lock().owner();
            LiveThread o = owner == null ? null : byRef.get(owner);
            if (o != null) {
                edges.put(w.thread().id(), o.id());
                byThread.put(w.thread().id(), w);
            }
        }
        List<Deadlock> out = new ArrayList<>();
        for (List<Long> cycle : Deadlocks.cycles(edges)) {
            List<Deadlock.Step> steps = new ArrayList<>();
            for (long id : cycle) {
                Wait w = byThread.get(id);
                LockResolver.Lock l = w.lock();
                steps.add(new Deadlock.Step(summary(w.thread().reference(), byRef, ownerFrames),
                        new LockRef(l.kind(), l.className(), l.object().uniqueID(), l.detail()), w.frame()));
            }
            out.add(new Deadlock(steps));
        }
        return out;
    }
}
