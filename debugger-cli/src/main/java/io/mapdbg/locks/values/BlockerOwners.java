package io.mapdbg.locks.values;

import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.LongValue;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * From a waiting thread's blocker to the object the user wrote: an AQS {@code Sync} to its CountDownLatch or
 * Semaphore (the referrer whose {@code sync} it is), a {@code CompletableFuture$Signaller} to the future whose
 * waiter stack holds it, a {@code Phaser$QNode} to its phaser; any other object is its own owner (a monitor).
 * Reads the target through JDI; runs inside a suspension the caller holds. Reverse lookups use
 * {@code ObjectReference.referringObjects}, so no heap walk is needed.
 */
public final class BlockerOwners {

    static final String AQS = "java.util.concurrent.locks.AbstractQueuedSynchronizer";
    static final String AQLS = "java.util.concurrent.locks.AbstractQueuedLongSynchronizer";
    static final String LATCH = "java.util.concurrent.CountDownLatch";
    static final String SEMAPHORE = "java.util.concurrent.Semaphore";
    static final String FUTURE = "java.util.concurrent.CompletableFuture";
    static final String COMPLETION = "java.util.concurrent.CompletableFuture$Completion";
    static final String PHASER = "java.util.concurrent.Phaser";
    static final String QNODE = "java.util.concurrent.Phaser$QNode";
    /** A Signaller sits at most this deep in a future's waiter stack before we give up looking. */
    private static final int MAX_STACK_CLIMB = 256;
    private static final int MAX_REFERRERS = 64;

    private BlockerOwners() {
    }

    /**
     * What a thread waits on: {@code Thread.parkBlocker} when it is parked with one, else (in {@code Object.wait}
     * or blocked entering a monitor) the monitor. The thread must be suspended.
     */
    public static Optional<ObjectReference> blockerOf(ThreadReference thread) {
        Field parkBlocker = thread.referenceType().fieldByName("parkBlocker");
        if (parkBlocker != null && thread.getValue(parkBlocker) instanceof ObjectReference blocker) {
            return Optional.of(blocker);
        }
        int status = thread.status();
        if ((status == ThreadReference.THREAD_STATUS_WAIT || status == ThreadReference.THREAD_STATUS_MONITOR)
                && thread.virtualMachine().canGetCurrentContendedMonitor()) {
            try {
                ObjectReference monitor = thread.currentContendedMonitor();
                return monitor != null ? Optional.of(monitor) : waitedMonitor(thread);
            } catch (com.sun.jdi.IncompatibleThreadStateException notSuspended) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The object of an {@code Object.wait} frame near the top: since JDK 23 (JDK-8256314) JVMTI's
     * GetCurrentContendedMonitor no longer answers for a thread in {@code Object.wait}, only for one entering.
     */
    private static Optional<ObjectReference> waitedMonitor(ThreadReference thread)
            throws com.sun.jdi.IncompatibleThreadStateException {
        int depth = Math.min(4, thread.frameCount());
        for (com.sun.jdi.StackFrame frame : thread.frames(0, depth)) {
            com.sun.jdi.Method m = frame.location().method();
            if (m.declaringType().name().equals("java.lang.Object") && m.name().startsWith("wait")
                    && !m.isStatic()) {
                ObjectReference self = frame.thisObject();
                if (self != null) {
                    return Optional.of(self);
                }
            }
        }
        return Optional.empty();
    }

    /** The owner of a blocker, with its kind and a detail such as {@code CountDownLatch, count 1}. */
    public static BlockerOwner resolve(ObjectReference blocker) {
        List<String> hierarchy = hierarchy(blocker.referenceType());
        if (hierarchy.contains(AQS) || hierarchy.contains(AQLS)) {
            ObjectReference owner = referrerWhoseField(blocker, "sync").orElse(null);
            if (owner == null) {
                String outer = outerSimpleName(blocker.referenceType().name());
                return new BlockerOwner(blocker, blocker, outer, outer + ", state " + number(blocker, "state"));
            }
            return describe(owner, blocker);
        }
        if (hierarchy.contains(COMPLETION)) {
            return futureHolding(blocker).map(f -> describe(f, blocker))
                    .orElseGet(() -> new BlockerOwner(blocker, blocker, "CompletableFuture",
                            "CompletableFuture, waiter not on any future's stack"));
        }
        if (hierarchy.contains(QNODE) && field(blocker, "phaser") instanceof ObjectReference phaser) {
            return describe(phaser, blocker);
        }
        return describe(blocker, blocker);
    }

    private static BlockerOwner describe(ObjectReference owner, ObjectReference blocker) {
        List<String> h = hierarchy(owner.referenceType());
        if (h.contains(LATCH)) {
            long count = syncState(owner);
            return new BlockerOwner(owner, blocker, "CountDownLatch", "CountDownLatch, count " + count);
        }
        if (h.contains(SEMAPHORE)) {
            long permits = syncState(owner);
            return new BlockerOwner(owner, blocker, "Semaphore",
                    "Semaphore, " + permits + (permits == 1 ? " permit" : " permits"));
        }
        if (h.contains(FUTURE)) {
            boolean done = field(owner, "result") != null;
            return new BlockerOwner(owner, blocker, "CompletableFuture",
                    "CompletableFuture, " + (done ? "completed" : "incomplete"));
        }
        if (h.contains(PHASER)) {
            ObjectReference root = field(owner, "root") instanceof ObjectReference r ? r : owner;
            int phase = (int) (number(root, "state") >>> 32);
            return new BlockerOwner(owner, blocker, "Phaser",
                    phase < 0 ? "Phaser, terminated" : "Phaser, phase " + phase);
        }
        if (owner != blocker && (h.contains(AQS) || hasField(owner, "sync"))) { // ReentrantLock and kin
            String simple = simpleName(owner.referenceType().name());
            return new BlockerOwner(owner, blocker, simple, simple + ", state " + number(blocker, "state"));
        }
        String simple = simpleName(owner.referenceType().name());
        return new BlockerOwner(owner, blocker, "monitor", "monitor, " + simple);
    }

    private static long syncState(ObjectReference owner) {
        return field(owner, "sync") instanceof ObjectReference sync ? number(sync, "state") : -1;
    }

    /** The future whose {@code stack} (a Treiber stack linked by {@code next}) holds this completion. */
    private static Optional<ObjectReference> futureHolding(ObjectReference completion) {
        ObjectReference current = completion;
        Set<Long> seen = new HashSet<>();
        for (int depth = 0; depth < MAX_STACK_CLIMB && seen.add(current.uniqueID()); depth++) {
            ObjectReference up = null;
            for (ObjectReference r : referrers(current)) {
                List<String> h = hierarchy(r.referenceType());
                if (h.contains(FUTURE) && same(field(r, "stack"), current)) {
                    return Optional.of(r);
                }
                if (up == null && h.contains(COMPLETION) && same(field(r, "next"), current)) {
                    up = r;
                }
            }
            if (up == null) {
                return Optional.empty();
            }
            current = up;
        }
        return Optional.empty();
    }

    /** A referrer that holds target in a field of that name, preferring top-level classes (a lock over its views). */
    private static Optional<ObjectReference> referrerWhoseField(ObjectReference target, String fieldName) {
        ObjectReference nested = null;
        for (ObjectReference r : referrers(target)) {
            if (same(field(r, fieldName), target)) {
                if (!r.referenceType().name().contains("$")) {
                    return Optional.of(r);
                }
                nested = nested == null ? r : nested;
            }
        }
        return Optional.ofNullable(nested);
    }

    private static List<ObjectReference> referrers(ObjectReference o) {
        if (!o.virtualMachine().canGetInstanceInfo()) {
            return List.of();
        }
        return o.referringObjects(MAX_REFERRERS);
    }

    private static boolean same(Value v, ObjectReference o) {
        return v instanceof ObjectReference r && r.uniqueID() == o.uniqueID();
    }

    private static boolean hasField(ObjectReference o, String name) {
        return o.referenceType().fieldByName(name) != null;
    }

    /** An instance field by name, declared in the class or a superclass; null when there is none. */
    static Value field(ObjectReference o, String name) {
        for (ReferenceType t = o.referenceType(); t != null; t = t instanceof ClassType c ? c.superclass() : null) {
            Field f = t.fieldByName(name);
            if (f != null && !f.isStatic()) {
                return o.getValue(f);
            }
        }
        return null;
    }

    private static long number(ObjectReference o, String name) {
        Value v = field(o, name);
        if (v instanceof IntegerValue i) {
            return i.value();
        }
        return v instanceof LongValue l ? l.value() : -1;
    }

    static List<String> hierarchy(ReferenceType type) {
        List<String> names = new ArrayList<>();
        for (ReferenceType t = type; t != null; t = t instanceof ClassType c ? c.superclass() : null) {
            names.add(t.name());
        }
        return names;
    }

    /** {@code io.x.Fixture$OrderState} → {@code OrderState}. */
    static String simpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /** {@code java.util.concurrent.CountDownLatch$Sync} → {@code CountDownLatch}. */
    static String outerSimpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        int dollar = s.indexOf('$');
        return dollar < 0 ? s : s.substring(0, dollar);
    }
}
