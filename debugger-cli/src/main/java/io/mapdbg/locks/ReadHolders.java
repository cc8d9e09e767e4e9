package io.mapdbg.locks;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.LongValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import io.mapdbg.layouts.ReadHolds;

import java.util.Map;

/**
 * The threads that hold read counts of a {@code ReentrantReadWriteLock}. The lock counts only the total; per
 * thread it keeps {@code firstReader} with its count, and for every other reader a {@code HoldCounter} {count,
 * tid} that is the value of the lock's {@code readHolds} ThreadLocal in that thread's {@code threadLocals} map
 * (and maybe {@code cachedHoldCounter}). So: every HoldCounter instance with a count, whose thread's map holds it
 * under this lock's readHolds (or that is this lock's cachedHoldCounter). The order and count of holders are the
 * layouts module's {@link ReadHolds} rule, which the agent follows too. Reads the heap; the VM is suspended.
 */
final class ReadHolders {
    private static final int MAX_TABLE = ReadHolds.MAX_TABLE;

    private ReadHolders() {
    }

    /** The read holders found (see {@link ReadHolds.Holders}); byId maps Java thread ids to the target's threads. */
    static ReadHolds.Holders<ThreadReference> of(ObjectReference sync, Map<Long, ThreadReference> byId) {
        ReadHolds.Holders<ThreadReference> found = new ReadHolds.Holders<>(
                value(sync, "firstReader") instanceof ThreadReference first ? first : null,
                LockResolver.intField(sync, "firstReaderHoldCount"));
        Value readHolds = value(sync, "readHolds");
        Value cached = value(sync, "cachedHoldCounter");
        for (ReferenceType type : sync.virtualMachine().classesByName(ReadHolds.HOLD_COUNTER)) {
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
                if (thread == null || thread.equals(found.first())) {
                    continue;
                }
                ObjectReference inMap = counterOf(thread, readHolds);
                if (counter.equals(inMap)) {
                    found.other(id.value(), thread, c.value());
                } else if (counter.equals(cached)) { // the holds are those of the thread's own counter, if any
                    found.other(id.value(), thread, inMap == null ? 0 : LockResolver.intField(inMap, "count"));
                }
            }
        }
        return found;
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
