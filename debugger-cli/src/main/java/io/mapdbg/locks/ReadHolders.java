package io.mapdbg.locks;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.LongValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The threads that hold read counts of a {@code ReentrantReadWriteLock}. The lock counts only the total; per
 * thread it keeps {@code firstReader} with its count, and for every other reader a {@code HoldCounter} {count,
 * tid} that is the value of the lock's {@code readHolds} ThreadLocal in that thread's {@code threadLocals} map
 * (and maybe {@code cachedHoldCounter}). So: every HoldCounter instance with a count, whose thread's map holds it
 * under this lock's readHolds (or that is this lock's cachedHoldCounter). Reads the heap; the VM is suspended.
 */
final class ReadHolders {
    static final String HOLD_COUNTER = "java.util.concurrent.locks.ReentrantReadWriteLock$Sync$HoldCounter";
    /** A thread's ThreadLocal table larger than this is not searched. */
    private static final int MAX_TABLE = 4096;

    private ReadHolders() {
    }

    /** The read holders found, firstReader first, the others by thread id; byId maps Java thread ids to the target's threads. */
    static List<ThreadReference> of(ObjectReference sync, Map<Long, ThreadReference> byId) {
        List<ThreadReference> out = new ArrayList<>();
        if (value(sync, "firstReader") instanceof ThreadReference first
                && LockResolver.intField(sync, "firstReaderHoldCount") > 0) {
            out.add(first);
        }
        Value readHolds = value(sync, "readHolds");
        Value cached = value(sync, "cachedHoldCounter");
        java.util.TreeMap<Long, ThreadReference> others = new java.util.TreeMap<>(); // by thread id, as the agent
        for (ReferenceType type : sync.virtualMachine().classesByName(HOLD_COUNTER)) {
            Field count = type.fieldByName("count");
            Field tid = type.fieldByName("tid");
            if (count == null || tid == null) {
                continue;
            }
            for (ObjectReference counter : type.instances(0)) {
                if (!(counter.getValue(count) instanceof IntegerValue c) || c.value() <= 0
                        || !(counter.getValue(tid) instanceof LongValue id)) {
                    continue;
                }
                ThreadReference thread = byId.get(id.value());
                if (thread == null || out.contains(thread)) {
                    continue;
                }
                if (counter.equals(cached) || heldUnder(thread, readHolds, counter)) {
                    others.put(id.value(), thread);
                }
            }
        }
        out.addAll(others.values());
        return out;
    }

    /** The read counts traced: firstReader's and the found holders' HoldCounters. */
    static int holds(ObjectReference sync, List<ThreadReference> readers) {
        int total = 0;
        ThreadReference first = value(sync, "firstReader") instanceof ThreadReference t ? t : null;
        if (first != null && readers.contains(first)) {
            total += LockResolver.intField(sync, "firstReaderHoldCount");
        }
        Value readHolds = value(sync, "readHolds");
        for (ThreadReference r : readers) {
            if (!r.equals(first)) {
                ObjectReference counter = counterOf(r, readHolds);
                total += counter == null ? 1 : Math.max(1, LockResolver.intField(counter, "count"));
            }
        }
        return total;
    }

    private static boolean heldUnder(ThreadReference thread, Value readHolds, ObjectReference counter) {
        return counter.equals(counterOf(thread, readHolds));
    }

    /** The value of the ThreadLocal key in the thread's threadLocals map, or null. */
    private static ObjectReference counterOf(ThreadReference thread, Value key) {
        if (!(key instanceof ObjectReference k)
                || !(value(thread, "threadLocals") instanceof ObjectReference map)
                || !(value(map, "table") instanceof ArrayReference table)
                || table.length() > MAX_TABLE) {
            return null;
        }
        for (Value slot : table.getValues()) {
            if (slot instanceof ObjectReference entry
                    && k.equals(value(entry, "referent"))
                    && value(entry, "value") instanceof ObjectReference v) {
                return v;
            }
        }
        return null;
    }

    /** A field's value, null when the class has no such field (another JDK's layout). */
    private static Value value(ObjectReference o, String name) {
        Field f = LockResolver.field(o, name);
        return f == null ? null : o.getValue(f);
    }
}
