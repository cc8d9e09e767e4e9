package io.mapdbg.threads;

import com.sun.jdi.BooleanValue;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.LongValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import io.mapdbg.session.ThreadPackets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every thread's state, Java id and park blocker in one pipelined request per thread (two on JDK 19+, where the
 * status lives in {@code Thread.holder}), read in a pause the caller holds. The status word is the thread's own
 * {@code threadStatus} (JVMTI bits): it tells BLOCKED, parked, in {@code Object.wait} and sleeping apart without
 * a frame. Names are read later, only for the threads a report shows.
 */
public final class ThreadScan {
    /** JVMTI thread-state bits as HotSpot keeps them in {@code threadStatus}. */
    public static final int SLEEPING = 0x0040;
    public static final int IN_OBJECT_WAIT = 0x0100;
    public static final int PARKED = 0x0200;

    /** One thread as read in the pause. status is -1 when it could not be read (JDI's coarse status then). */
    public record Seen(ThreadReference reference, long id, String state, int status, ObjectReference parkBlocker,
                       boolean daemon) {
        public boolean sleeping() {
            return status >= 0 && (status & SLEEPING) != 0;
        }

        public boolean inObjectWait() {
            return status >= 0 && (status & IN_OBJECT_WAIT) != 0;
        }

        public boolean parked() {
            return status >= 0 && (status & PARKED) != 0;
        }
    }

    private final VirtualMachine vm;
    private final Field tid;
    private final Field parkBlocker;
    private final Field threadStatus; // on Thread (JDK 17) or Thread$FieldHolder (JDK 19+)
    private final Field holder;       // null before JDK 19
    private final Field daemon;

    /** Looks the fields up (a few round trips, before any pause). */
    public ThreadScan(VirtualMachine vm) {
        this.vm = vm;
        ClassType thread = classNamed(vm, "java.lang.Thread");
        this.tid = thread == null ? null : thread.fieldByName("tid");
        this.parkBlocker = thread == null ? null : thread.fieldByName("parkBlocker");
        Field h = thread == null ? null : thread.fieldByName("holder");
        ClassType statusOwner = h == null ? thread : classNamed(vm, "java.lang.Thread$FieldHolder");
        this.holder = statusOwner == null ? null : h;
        this.threadStatus = statusOwner == null ? null : statusOwner.fieldByName("threadStatus");
        this.daemon = statusOwner == null ? null : statusOwner.fieldByName("daemon");
    }

    static ClassType classNamed(VirtualMachine vm, String name) {
        for (ReferenceType t : vm.classesByName(name)) {
            if (t instanceof ClassType c) {
                return c;
            }
        }
        return null;
    }

    /** The threads' states, ids and blockers; threads that ended are left out. The VM must be suspended. */
    public List<Seen> read(List<ThreadReference> threads) {
        List<Field> onThread = new ArrayList<>(4);
        for (Field f : new Field[] {tid, parkBlocker, holder != null ? holder : threadStatus, holder != null ? null : daemon}) {
            if (f != null) {
                onThread.add(f);
            }
        }
        List<Map<Field, Value>> values = ThreadPackets.values(vm, threads, onThread);
        List<Map<Field, Value>> holderValues = null;
        if (holder != null && threadStatus != null) {
            List<ObjectReference> holders = new ArrayList<>(threads.size());
            for (Map<Field, Value> v : values) {
                holders.add(v != null && v.get(holder) instanceof ObjectReference h ? h : null);
            }
            holderValues = readHolders(holders);
        }
        List<Seen> out = new ArrayList<>(threads.size());
        for (int i = 0; i < threads.size(); i++) {
            Map<Field, Value> v = values.get(i);
            if (v == null) {
                continue; // ended
            }
            ThreadReference t = threads.get(i);
            Map<Field, Value> statusValues = holderValues == null ? v : holderValues.get(i);
            int status = statusValues != null && statusValues.get(threadStatus) instanceof IntegerValue s ? s.value() : -1;
            boolean isDaemon = statusValues != null && statusValues.get(daemon) instanceof BooleanValue b && b.value();
            long id = v.get(tid) instanceof LongValue l ? l.value() : t.uniqueID();
            String state;
            if (status >= 0) {
                state = ThreadStates.fromThreadStatus(status);
            } else {
                try {
                    state = ThreadStates.fromJdiStatus(t.status());
                } catch (RuntimeException e) {
                    continue;
                }
            }
            if (state.equals("TERMINATED") || state.equals("NEW")) {
                continue;
            }
            ObjectReference blocker = parkBlocker != null && v.get(parkBlocker) instanceof ObjectReference b ? b : null;
            out.add(new Seen(t, id, state, status, blocker, isDaemon));
        }
        return out;
    }

    private List<Map<Field, Value>> readHolders(List<ObjectReference> holders) {
        List<ObjectReference> present = new ArrayList<>();
        for (ObjectReference h : holders) {
            if (h != null) {
                present.add(h);
            }
        }
        List<Field> fields = daemon == null ? List.of(threadStatus) : List.of(threadStatus, daemon);
        List<Map<Field, Value>> read = ThreadPackets.values(vm, present, fields);
        List<Map<Field, Value>> out = new ArrayList<>(holders.size());
        int k = 0;
        for (ObjectReference h : holders) {
            out.add(h == null ? null : read.get(k++));
        }
        return out;
    }
}
