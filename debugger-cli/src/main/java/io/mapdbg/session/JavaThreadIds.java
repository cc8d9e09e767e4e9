package io.mapdbg.session;

import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.LongValue;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ThreadReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java thread id of a JDI thread ({@code Thread.getId()}, jstack's {@code #N}), the one id every mapdbg path
 * shows: its {@code tid} field, read once per thread (a field read, no code runs in the target). Never the JDWP id,
 * which names the same thread differently.
 */
final class JavaThreadIds {
    private static final int MAX_KNOWN = 100_000;

    private final Map<Long, Long> byJdwpId = new ConcurrentHashMap<>();

    /** t's Java thread id; -1 when it cannot be read. */
    long of(ThreadReference t) {
        Long known = byJdwpId.get(t.uniqueID());
        if (known != null) {
            return known;
        }
        long id = -1;
        try {
            Field tid = t.referenceType() instanceof ClassType c ? c.fieldByName("tid") : null;
            if (tid != null && t.getValue(tid) instanceof LongValue l) {
                id = l.value();
            }
        } catch (ObjectCollectedException | IllegalArgumentException e) {
            return -1;
        }
        if (id >= 0 && byJdwpId.size() < MAX_KNOWN) {
            byJdwpId.put(t.uniqueID(), id);
        }
        return id;
    }
}
