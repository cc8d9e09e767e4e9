package io.mapdbg.locks;

import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;

import io.mapdbg.layouts.LockWords;
import io.mapdbg.layouts.ReadHolds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a lock object is: its kind, class, a detail in words and its owner thread, read from the target's own
 * fields (a monitor's owner from JDI; a j.u.c synchronizer's from {@code exclusiveOwnerThread}; a TreeBin has no
 * owner field, its {@code lockState} is decoded). Called from several reader threads at once: answers are cached
 * per lock, so a hundred waiters on one lock cost one read of it.
 */
public final class LockResolver {
    public static final String AQS = "java.util.concurrent.locks.AbstractQueuedSynchronizer";
    /** JDK 23+ builds ReentrantReadWriteLock on the long-state variant (32 bits of read and write counts each). */
    public static final String AQLS = "java.util.concurrent.locks.AbstractQueuedLongSynchronizer";
    public static final String AOS = "java.util.concurrent.locks.AbstractOwnableSynchronizer";
    public static final String TREE_BIN = "java.util.concurrent.ConcurrentHashMap$TreeBin";
    private static final String RRWL = "java.util.concurrent.locks.ReentrantReadWriteLock$Sync";

    /**
     * A lock as resolved: owner null when nobody (or nobody visible) holds it exclusively; readers the threads
     * found holding read counts of a ReentrantReadWriteLock (empty for any other lock).
     */
    public record Lock(ObjectReference object, String kind, String className, String detail, ThreadReference owner,
                       List<ThreadReference> readers) {
        public Lock(ObjectReference object, String kind, String className, String detail, ThreadReference owner) {
            this(object, kind, className, detail, owner, List.of());
        }
    }

    private final Map<String, Lock> cache = new ConcurrentHashMap<>();
    private volatile Map<Long, ThreadReference> threadsById = Map.of();

    /** The target's threads by Java id, to name the holders of read locks (their HoldCounters carry the id). */
    public void threads(Map<Long, ThreadReference> byId) {
        this.threadsById = byId;
    }
    private final Map<ReferenceType, List<String>> hierarchies = new ConcurrentHashMap<>();

    /** A monitor a thread is BLOCKED entering (contended true) or waits on with Object.wait (false). */
    public Lock monitor(ObjectReference monitor, boolean contended) {
        return cache.computeIfAbsent(monitor.uniqueID() + (contended ? ":enter" : ":wait"), id -> {
            ThreadReference owner = contended ? owningThread(monitor) : null;
            String detail = contended ? null : "Object.wait()";
            String cls = monitor.referenceType().name();
            if (cls.equals(TREE_BIN)) {
                detail = treeBinState(monitor);
            }
            return new Lock(monitor, "monitor", cls, detail, owner);
        });
    }

    /** A park blocker ({@code Thread.parkBlocker}): a synchronizer, a TreeBin or something else. */
    public Lock blocker(ObjectReference blocker) {
        return cache.computeIfAbsent(blocker.uniqueID() + ":park", id -> {
            List<String> classes = hierarchy(blocker.referenceType());
            String cls = classes.get(0);
            if (cls.equals(TREE_BIN)) {
                return new Lock(blocker, "treebin", cls, treeBinState(blocker) + "; owner unknown (a TreeBin has no owner field)", null);
            }
            if (classes.contains(AQS) || classes.contains(AQLS)) {
                return synchronizer(blocker, classes);
            }
            return new Lock(blocker, "other", cls, null, null);
        });
    }

    private Lock synchronizer(ObjectReference sync, List<String> classes) {
        String cls = classes.get(0);
        long state = stateOf(sync);
        boolean wide = classes.contains(AQLS);
        ThreadReference owner = sync.getValue(field(sync, "exclusiveOwnerThread")) instanceof ThreadReference t ? t : null;
        boolean readWrite = classes.contains(RRWL);
        List<ThreadReference> readers = List.of();
        int holds = 0;
        if (readWrite && LockWords.readHolds(wide, state) > 0) {
            ReadHolds.Holders<ThreadReference> found = ReadHolders.of(sync, threadsById);
            readers = found.readers();
            holds = found.holds();
        }
        String detail = LockWords.synchronizer(cls, readWrite, wide, state, readers.size(), holds);
        return new Lock(sync, "synchronizer", cls, detail, owner, readers);
    }

    /** TreeBin lockState in words: WRITER=1, WAITER=2, READER=4 each. */
    public static String treeBinState(ObjectReference treeBin) {
        return LockWords.treeBinState(intField(treeBin, "lockState"));
    }

    private static ThreadReference owningThread(ObjectReference monitor) {
        try {
            return monitor.owningThread();
        } catch (com.sun.jdi.IncompatibleThreadStateException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** An AQS's int state or an AbstractQueuedLongSynchronizer's long state. */
    private static long stateOf(ObjectReference sync) {
        Field f = field(sync, "state");
        Value v = f == null ? null : sync.getValue(f);
        return v instanceof IntegerValue i ? i.value() : v instanceof com.sun.jdi.LongValue l ? l.value() : 0;
    }

    static int intField(ObjectReference o, String name) {
        Field f = field(o, name);
        Value v = f == null ? null : o.getValue(f);
        return v instanceof IntegerValue i ? i.value() : 0;
    }

    static Field field(ObjectReference o, String name) {
        return o.referenceType().fieldByName(name);
    }

    /** Binary names of the class and its superclasses, most derived first. */
    public List<String> hierarchy(ReferenceType type) {
        return hierarchies.computeIfAbsent(type, t -> {
            List<String> out = new ArrayList<>();
            ReferenceType c = t;
            while (c != null) {
                out.add(c.name());
                c = c instanceof ClassType ct ? ct.superclass() : null;
            }
            return out;
        });
    }
}
