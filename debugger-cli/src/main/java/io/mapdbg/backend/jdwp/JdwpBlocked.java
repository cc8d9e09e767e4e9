package io.mapdbg.backend.jdwp;

import com.sun.jdi.ObjectReference;
import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.ThreadQuery;
import com.sun.jdi.ThreadReference;
import io.mapdbg.locks.Deadlocks;
import io.mapdbg.locks.LockResolver;
import io.mapdbg.locks.MapLockFinder;
import io.mapdbg.locks.AppStatics;
import io.mapdbg.locks.WaitScan;
import io.mapdbg.locks.WaitingFrame;
import io.mapdbg.locks.values.MapValueIndex;
import io.mapdbg.locks.values.ValueWaits;
import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;
import io.mapdbg.session.Session;
import io.mapdbg.session.ThreadPackets.Frame;
import io.mapdbg.threads.FrameReader;
import io.mapdbg.threads.StackGroups;
import io.mapdbg.threads.ThreadScan.Seen;
import io.mapdbg.threads.ThreadStates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code threads --blocked}: who waits on which lock, who holds it and what the holder does, the map and bin a
 * lock belongs to, and deadlocks. One pause of the whole VM (always resumed) reads the threads through
 * {@link WaitScan}: a request per thread, frames only for waiters and owners, all pipelined. Frames are named,
 * maps, bins and static paths found after the resume: a bin head stays the same while its lock is held, which is
 * exactly while its waiters wait. Idle waits (pool workers waiting for work, reference and timer threads) are
 * left out unless {@link BlockedOptions#allWaits()}.
 *
 * <p>The lock-to-map-entry hook (waits on map values) is passed in; it is asked once per latch-style lock (a
 * CountDownLatch, Semaphore, CompletableFuture, Phaser, or a monitor waited on with Object.wait) and may answer null.
 */
public final class JdwpBlocked {
    static final int OWNER_FRAMES = WaitScan.OWNER_FRAMES;

    private final Session session;
    private final Function<ObjectReference, MapEntryRef> mapEntries;

    /**
     * With waits on map values resolved: a latch-style lock that is a value of a map (or held by a value's field)
     * held by a static field of an application class (or one field further) is reported with its map and key.
     */
    public JdwpBlocked(Session session) {
        this(session, null);
    }

    /** mapEntries answers the map entry of a latch-style lock (or null); null for the built-in lookup. */
    public JdwpBlocked(Session session, Function<ObjectReference, MapEntryRef> mapEntries) {
        this.session = session;
        this.mapEntries = mapEntries;
    }

    /** What a report learns about the heap once, and only when it needs it. */
    private final class HeapFacts {
        private AppStatics statics;
        private ValueWaits values;

        AppStatics statics() {
            if (statics == null) {
                statics = AppStatics.scan(session.vm());
            }
            return statics;
        }

        /** Indexes the values of the maps the application's statics hold (bounded); asked per latch-style lock. */
        MapEntryRef entryOf(ObjectReference lock) {
            if (mapEntries != null) {
                return mapEntries.apply(lock);
            }
            // Read while the target runs: a leaked latch stays where it is, and a second pause costs every thread.
            try {
                return session.call("indexing map values", () -> {
                    if (values == null) {
                        List<MapValueIndex.Candidate> maps = new ArrayList<>();
                        for (AppStatics.Held h : statics().all()) {
                            MapValueIndex.Candidate c = candidate(h);
                            if (c != null) {
                                maps.add(c);
                            }
                        }
                        values = ValueWaits.indexOf(session, maps, ValueWaits.Bounds.DEFAULT);
                    }
                    return values.entryOf(lock).orElse(null);
                });
            } catch (RuntimeException e) {
                return null; // a value wait that cannot be resolved leaves the cluster as it is
            }
        }

        private MapValueIndex.Candidate candidate(AppStatics.Held h) {
            List<String> classes = new LockResolver().hierarchy(h.object().referenceType());
            if (classes.get(0).startsWith("java.util.Collections$Synchronized")
                    && MapLockFinder.value(h.object(), "m") instanceof ObjectReference inner) {
                return new MapValueIndex.Candidate(session.mirror(inner), inner.referenceType().name(), h.path());
            }
            for (String family : MAP_FAMILIES) {
                if (classes.contains(family)) {
                    return new MapValueIndex.Candidate(session.mirror(h.object()), classes.get(0), h.path());
                }
            }
            return null;
        }
    }

    private static final List<String> MAP_FAMILIES = List.of("java.util.HashMap", MapLockFinder.CHM,
            "java.util.Hashtable", "java.util.WeakHashMap", "java.util.IdentityHashMap");

    /** A waiting thread as the report shows it: read in the pause, named after it. */
    private record Named(WaitScan.Wait seen, String name, List<FrameInfo> frames, String frame) {
    }

    public BlockedReport blocked() {
        return blocked(BlockedOptions.DEFAULT);
    }

    public BlockedReport blocked(BlockedOptions options) {
        Scanned s = scan(options, WaitScan.WAITER_FRAMES);
        BlockedReport r = session.call("resolving locks", () -> report(s));
        return r;
    }

    /** {@code threads --blocked --group}: the waiting threads' stacks grouped, largest group first. */
    public StackProfile grouped(BlockedOptions options, int top, int depth) {
        Scanned s = scan(options, Math.max(WaitScan.WAITER_FRAMES, depth <= 0 ? 64 : depth));
        List<ThreadInfo> infos = new ArrayList<>();
        for (Named n : s.waits()) {
            Seen t = n.seen().thread();
            infos.add(new ThreadInfo(t.id(), t.reference().uniqueID(), n.name(), t.state(),
                    ThreadStates.jdiStatusOf(t.state(), Math.max(0, t.status())), t.daemon(), null, n.frames()));
        }
        List<StackGroup> groups = StackGroups.group(infos, ThreadQuery.GROUP_NAMES, depth);
        boolean cut = top > 0 && groups.size() > top;
        return new StackProfile(s.result().threads().size(), infos.size(), cut ? groups.subList(0, top) : groups, cut,
                s.pauseMillis());
    }

    private record Scanned(WaitScan.Result result, List<Named> waits, long pauseMillis) {
    }

    private Scanned scan(BlockedOptions options, int depth) {
        LockResolver locks = new LockResolver();
        WaitScan scan = session.call("reading Thread", () -> new WaitScan(session.vm(), locks, depth));
        long start = System.nanoTime();
        WaitScan.Result r = session.suspended(() -> scan.read(options.allWaits(),
                options.state() == null ? null : t -> options.state().equals(t.state())));
        long pause = (System.nanoTime() - start) / 1_000_000;
        List<Named> named = session.call("naming frames", () -> {
            List<Named> out = new ArrayList<>(r.waits().size());
            for (WaitScan.Wait w : r.waits()) {
                String name = r.names().getOrDefault(w.thread().reference(), "thread #" + w.thread().id());
                if (options.name() != null && !options.name().matcher(name).find()) {
                    continue;
                }
                List<FrameInfo> frames = infos(w.frames());
                int at = WaitingFrame.pick(frames.stream().map(FrameInfo::className).toList());
                out.add(new Named(w, name, frames, at < 0 ? null : frames.get(at).where()));
            }
            return out;
        });
        return new Scanned(r, named, pause);
    }

    private static List<FrameInfo> infos(List<Frame> frames) {
        List<FrameInfo> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(FrameReader.location(i, frames.get(i).location()));
        }
        return out;
    }

    private BlockedReport report(Scanned s) {
        Map<ThreadReference, Seen> byRef = new HashMap<>();
        s.result().threads().forEach(t -> byRef.put(t.reference(), t));
        Map<String, List<Named>> byLock = new LinkedHashMap<>();
        for (Named n : s.waits()) {
            LockResolver.Lock l = n.seen().lock();
            byLock.computeIfAbsent(l.kind() + ":" + l.object().uniqueID(), k -> new ArrayList<>()).add(n);
        }
        MapLockFinder finder = new MapLockFinder(new LockResolver(), () -> MapLockFinder.instancesOf(
                session.loadedClassesInFamilies(List.of(MapLockFinder.CHM))));
        HeapFacts facts = new HeapFacts();
        List<BlockedCluster> clusters = new ArrayList<>();
        for (List<Named> ws : byLock.values()) {
            ws.sort(Comparator.comparing(Named::name));
            LockResolver.Lock lock = ws.get(0).seen().lock();
            ObjectReference frameThis = ws.stream().map(n -> n.seen().frameThis()).filter(o -> o != null).findFirst()
                    .orElse(null);
            MapLockFinder.Found f = finder.find(lock.object(), frameThis);
            MapBin map = null;
            String detail = lock.detail();
            if (f != null) {
                long id = session.mirror(f.map()).id();
                String path = facts.statics().pathOf(f.map().uniqueID());
                map = new MapBin(id, f.map().referenceType().name(), path, f.bin());
                if (f.note() != null) {
                    detail = detail == null ? f.note() : detail + "; " + f.note();
                }
            }
            session.mirror(lock.object());
            LockRef ref = new LockRef(lock.kind(), lock.className(), lock.object().uniqueID(), detail);
            List<Waiter> waiters = ws.stream().map(n -> new Waiter(n.name(), n.seen().thread().id(),
                    n.seen().thread().state(), n.frame())).toList();
            List<ThreadSummary> readers = lock.readers().stream().map(t -> summary(t, byRef, s.result())).toList();
            MapEntryRef entry = latchStyle(lock) ? facts.entryOf(lock.object()) : null;
            clusters.add(new BlockedCluster(ref, summary(lock.owner(), byRef, s.result()), waiters, map, entry,
                    readers));
        }
        clusters.sort(BlockedReport.LARGEST_FIRST);
        return new BlockedReport(s.result().threads().size(), clusters, deadlocks(s, byRef), s.pauseMillis(), false);
    }

    /** Locks with no owner whose waiters wait for an event: where a leaked per-key latch shows. */
    private static boolean latchStyle(LockResolver.Lock lock) {
        String cls = lock.className();
        return cls.startsWith("java.util.concurrent.CountDownLatch") || cls.startsWith("java.util.concurrent.Semaphore")
                || cls.startsWith("java.util.concurrent.CompletableFuture") || cls.startsWith("java.util.concurrent.Phaser")
                || "Object.wait()".equals(lock.detail());
    }

    private ThreadSummary summary(ThreadReference t, Map<ThreadReference, Seen> byRef, WaitScan.Result r) {
        if (t == null) {
            return null;
        }
        Seen seen = byRef.get(t);
        List<String> frames = infos(r.ownerFrames().getOrDefault(t, List.of())).stream().map(FrameInfo::where).toList();
        String name = r.names().get(t);
        if (seen == null) {
            return new ThreadSummary(name != null ? name : t.name(), session.threadId(t), "UNKNOWN", frames);
        }
        return new ThreadSummary(name != null ? name : t.name(), seen.id(), seen.state(), frames);
    }

    private List<Deadlock> deadlocks(Scanned s, Map<ThreadReference, Seen> byRef) {
        Map<Long, Long> edges = new HashMap<>();
        Map<Long, Named> byThread = new HashMap<>();
        for (Named n : s.waits()) {
            LockResolver.Lock l = n.seen().lock();
            ThreadReference owner = l.owner() != null ? l.owner() : l.readers().size() == 1 ? l.readers().get(0) : null;
            Seen o = owner == null ? null : byRef.get(owner);
            if (o != null) {
                edges.put(n.seen().thread().id(), o.id());
                byThread.put(n.seen().thread().id(), n);
            }
        }
        List<Deadlock> out = new ArrayList<>();
        for (List<Long> cycle : Deadlocks.cycles(edges)) {
            List<Deadlock.Step> steps = new ArrayList<>();
            for (long id : cycle) {
                Named n = byThread.get(id);
                LockResolver.Lock l = n.seen().lock();
                steps.add(new Deadlock.Step(summary(n.seen().thread().reference(), byRef, s.result()),
                        new LockRef(l.kind(), l.className(), l.object().uniqueID(), l.detail()), n.frame()));
            }
            out.add(new Deadlock(steps));
        }
        return out;
    }
}
