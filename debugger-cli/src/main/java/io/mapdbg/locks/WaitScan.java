package io.mapdbg.locks;

import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import io.mapdbg.session.ThreadPackets;
import io.mapdbg.session.ThreadPackets.Frame;
import io.mapdbg.threads.ThreadScan;
import io.mapdbg.threads.ThreadScan.Seen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who waits on which lock, read in a pause the caller holds, with as few requests as the answer needs (each
 * request pipelined): one per thread for state and park blocker; for a BLOCKED thread its contended monitor and
 * frames; for a wait (parked on a blocker, or in {@code Object.wait}) the frames of one waiter per lock first —
 * a lock whose waiters idle for work (see {@link IdleWaits}) is dropped there, unless allWaits — then the frames
 * of the other waiters; the owners' frames; {@code this} of one waiter's map frame per lock. Threads that run or
 * sleep, or park without a blocker, cost one request.
 */
public final class WaitScan {
    public static final int WAITER_FRAMES = 10;
    public static final int OWNER_FRAMES = 6;
    private static final Set<String> MAP_FRAME_CLASSES = Set.of(MapLockFinder.CHM, "java.util.Collections$SynchronizedMap",
            "java.util.Collections$SynchronizedSortedMap", "java.util.Collections$SynchronizedNavigableMap");

    /** One waiting thread: the lock, its top frames, and {@code this} of its map frame (one waiter per lock). */
    public record Wait(Seen thread, LockResolver.Lock lock, List<Frame> frames, ObjectReference frameThis) {
    }

    /** Everything read in the pause. ownerFrames and names cover the waiters and owners. */
    public record Result(List<Seen> threads, List<Wait> waits, Map<ThreadReference, List<Frame>> ownerFrames,
                         Map<ThreadReference, String> names) {
    }

    private final VirtualMachine vm;
    private final ThreadScan scan;
    private final LockResolver locks;
    private final int depth;

    /** Resolves what it needs before any pause (a few round trips); depth frames are read per waiter. */
    public WaitScan(VirtualMachine vm, LockResolver locks, int depth) {
        this.vm = vm;
        this.scan = new ThreadScan(vm);
        this.locks = locks;
        this.depth = depth;
    }

    /** Threads waiting on one lock in one way: entering its monitor, in its Object.wait, or parked on it. */
    private static final class Group {
        final ObjectReference lock;
        final boolean contended;
        final boolean parked;
        final List<Seen> members = new ArrayList<>();

        Group(ObjectReference lock, boolean contended, boolean parked) {
            this.lock = lock;
            this.contended = contended;
            this.parked = parked;
        }

        static String key(ObjectReference lock, boolean contended, boolean parked) {
            return lock.uniqueID() + (contended ? ":enter" : parked ? ":park" : ":wait");
        }
    }

    private static void join(Map<String, Group> groups, ObjectReference lock, boolean contended, boolean parked, Seen t) {
        groups.computeIfAbsent(Group.key(lock, contended, parked), k -> new Group(lock, contended, parked)).members.add(t);
    }

    /** The waits of the threads that pass filter (all when null). The VM must be suspended. */
    public Result read(boolean allWaits, Predicate<Seen> filter) {
        List<Seen> all = scan.read(vm.allThreads());
        Map<Long, ThreadReference> byId = new HashMap<>();
        all.forEach(t -> byId.put(t.id(), t.reference()));
        locks.threads(byId);
        List<Seen> blocked = new ArrayList<>();
        List<Seen> objectWaits = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Seen t : all) {
            if (filter != null && !filter.test(t)) {
                continue;
            }
            if (t.state().equals("BLOCKED")) {
                blocked.add(t);
            } else if (t.inObjectWait() || (t.status() < 0 && t.parkBlocker() == null && !t.state().equals("RUNNABLE"))) {
                objectWaits.add(t);
            } else if (t.parkBlocker() != null && !t.sleeping()) {
                join(groups, t.parkBlocker(), false, true, t);
            }
        }
        List<Seen> asked = new ArrayList<>(blocked);
        asked.addAll(objectWaits);
        List<ObjectReference> monitors = ThreadPackets.contendedMonitors(vm, refs(asked));
        List<Seen> unresolved = new ArrayList<>(); // Object.wait on JDK 23+: the monitor comes from the frame
        for (int i = 0; i < asked.size(); i++) {
            Seen t = asked.get(i);
            ObjectReference m = monitors.get(i);
            if (m == null) {
                if (i >= blocked.size()) {
                    unresolved.add(t);
                }
                continue;
            }
            join(groups, m, i < blocked.size(), false, t);
        }

        Map<ThreadReference, List<Frame>> frames = new HashMap<>();
        List<Seen> first = new ArrayList<>(unresolved);
        List<Seen> entering = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.contended) {
                entering.addAll(g.members);
            } else {
                first.add(g.members.get(0));
            }
        }
        fetch(first, depth, frames);
        // A thread BLOCKED entering a monitor waits in its top frame (the synchronized method or block, a map's
        // put): one frame is the waiting frame and the map frame, and costs the target one location, not ten.
        int enteringDepth = depth > WAITER_FRAMES ? depth : 1;
        fetch(entering, enteringDepth, frames);
        resolveObjectWaits(unresolved, frames, groups);

        List<Seen> rest = new ArrayList<>();
        for (var it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (!g.contended && !allWaits && idle(frames.get(g.members.get(0).reference()))) {
                it.remove();
                continue;
            }
            for (Seen t : g.members) {
                if (!frames.containsKey(t.reference())) {
                    rest.add(t);
                }
            }
        }
        fetch(rest, depth, frames);

        List<Wait> waits = new ArrayList<>();
        Map<String, ObjectReference> frameThis = mapFrameThis(groups, frames);
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            LockResolver.Lock lock = g.parked ? locks.blocker(g.lock) : locks.monitor(g.lock, g.contended);
            ObjectReference self = frameThis.get(e.getKey());
            for (Seen t : g.members) {
                waits.add(new Wait(t, lock, frames.getOrDefault(t.reference(), List.of()), self));
            }
        }

        Map<ThreadReference, List<Frame>> ownerFrames = new HashMap<>();
        List<Seen> owners = new ArrayList<>();
        Map<ThreadReference, Seen> byRef = new HashMap<>();
        all.forEach(t -> byRef.put(t.reference(), t));
        for (Wait w : waits) {
            List<ThreadReference> holders = new ArrayList<>(w.lock().readers());
            if (w.lock().owner() != null) {
                holders.add(w.lock().owner());
            }
            for (ThreadReference o : holders) {
                List<Frame> have = frames.get(o);
                if (have != null && (have.size() >= OWNER_FRAMES || !shallow(o, byRef, entering, enteringDepth))) {
                    ownerFrames.put(o, have.subList(0, Math.min(OWNER_FRAMES, have.size())));
                } else if (byRef.containsKey(o) && !owners.contains(byRef.get(o))) {
                    owners.add(byRef.get(o));
                }
            }
        }
        fetch(owners, OWNER_FRAMES, ownerFrames);

        List<ThreadReference> named = new ArrayList<>();
        waits.forEach(w -> named.add(w.thread().reference()));
        ownerFrames.keySet().forEach(named::add);
        List<ThreadReference> distinct = named.stream().distinct().toList();
        List<String> names = ThreadPackets.names(vm, distinct);
        Map<ThreadReference, String> byThread = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            if (names.get(i) != null) {
                byThread.put(distinct.get(i), names.get(i));
            }
        }
        return new Result(all, waits, ownerFrames, byThread);
    }

    /** True when o's frames were read one deep as a BLOCKED waiter: as an owner it shows more. */
    private static boolean shallow(ThreadReference o, Map<ThreadReference, Seen> byRef, List<Seen> entering, int depth) {
        return depth < OWNER_FRAMES && byRef.containsKey(o) && entering.contains(byRef.get(o));
    }

    private void fetch(List<Seen> threads, int depth, Map<ThreadReference, List<Frame>> into) {
        if (threads.isEmpty()) {
            return;
        }
        List<ThreadReference> refs = refs(threads);
        List<List<Frame>> read = ThreadPackets.frames(vm, refs, depth);
        for (int i = 0; i < refs.size(); i++) {
            into.put(refs.get(i), read.get(i) == null ? List.of() : read.get(i));
        }
    }

    /** JDK 23+ answers no contended monitor for a thread in Object.wait: take this of its Object.wait frame. */
    private void resolveObjectWaits(List<Seen> unresolved, Map<ThreadReference, List<Frame>> frames,
                                    Map<String, Group> groups) {
        List<ThreadReference> threads = new ArrayList<>();
        List<Frame> waitFrames = new ArrayList<>();
        List<Seen> who = new ArrayList<>();
        for (Seen t : unresolved) {
            for (Frame f : frames.getOrDefault(t.reference(), List.of())) {
                Location l = f.location();
                if (l.declaringType().name().equals("java.lang.Object") && l.method().name().startsWith("wait")
                        && !l.method().isNative() && !l.method().isStatic()) {
                    threads.add(t.reference());
                    waitFrames.add(f);
                    who.add(t);
                    break;
                }
            }
        }
        List<ObjectReference> selves = ThreadPackets.thisObjects(vm, threads, waitFrames);
        for (int i = 0; i < who.size(); i++) {
            ObjectReference m = selves.get(i);
            if (m != null) {
                join(groups, m, false, false, who.get(i));
            }
        }
    }

    /** this of the first map frame (ConcurrentHashMap, a synchronizedMap) of one waiter, per lock that may be a map's. */
    private Map<String, ObjectReference> mapFrameThis(Map<String, Group> groups, Map<ThreadReference, List<Frame>> frames) {
        List<String> lockIds = new ArrayList<>();
        List<ThreadReference> threads = new ArrayList<>();
        List<Frame> at = new ArrayList<>();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            String cls = e.getValue().lock.referenceType().name();
            if (!cls.startsWith(MapLockFinder.CHM + "$") && !cls.equals("java.lang.Object")
                    && !cls.startsWith("java.util.Collections$Synchronized")) {
                continue;
            }
            for (Seen t : e.getValue().members) {
                Frame f = firstMapFrame(frames.get(t.reference()));
                if (f != null) {
                    lockIds.add(e.getKey());
                    threads.add(t.reference());
                    at.add(f);
                    break;
                }
            }
        }
        List<ObjectReference> selves = ThreadPackets.thisObjects(vm, threads, at);
        Map<String, ObjectReference> out = new HashMap<>();
        for (int i = 0; i < lockIds.size(); i++) {
            if (selves.get(i) != null) {
                out.put(lockIds.get(i), selves.get(i));
            }
        }
        return out;
    }

    private static Frame firstMapFrame(List<Frame> frames) {
        if (frames == null) {
            return null;
        }
        for (Frame f : frames) {
            ReferenceType t = f.location().declaringType();
            if (MAP_FRAME_CLASSES.contains(t.name()) && !f.location().method().isStatic()) {
                return f;
            }
        }
        return null;
    }

    private static boolean idle(List<Frame> frames) {
        if (frames == null || frames.isEmpty()) {
            return false;
        }
        List<String> classes = new ArrayList<>(frames.size());
        List<String> methods = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            classes.add(f.location().declaringType().name());
            methods.add(f.location().method().name());
        }
        return IdleWaits.idle(classes, methods);
    }

    private static List<ThreadReference> refs(List<Seen> threads) {
        List<ThreadReference> out = new ArrayList<>(threads.size());
        threads.forEach(t -> out.add(t.reference()));
        return out;
    }
}
