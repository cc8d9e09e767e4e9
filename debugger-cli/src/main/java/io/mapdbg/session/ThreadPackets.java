package io.mapdbg.session;

import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InternalException;
import com.sun.jdi.InvalidStackFrameException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads of many threads at once, each a raw JDWP command pipelined through {@link JdwpPipeline} (at most 256 in
 * flight): a thread dump over JDWP costs the target's work per request, not a round trip per request. Without
 * the JDI internals (or with {@code -Dmapdbg.pipeline=false}) every read falls back to plain JDI, one at a time,
 * with the same answers. Lists come back aligned with the input; null where a thread ended or the target
 * refused. Frames, monitors and {@code this} need the threads suspended.
 */
public final class ThreadPackets {
    private static final Object[] THREAD = {"ThreadReferenceImpl"};
    private static final JdwpPipeline.Raw FRAMES = JdwpPipeline.Raw.find("ThreadReference$Frames", "ThreadReferenceImpl",
            int.class, int.class);
    private static final JdwpPipeline.Raw CONTENDED = JdwpPipeline.Raw.find("ThreadReference$CurrentContendedMonitor", THREAD);
    private static final JdwpPipeline.Raw MONITOR_INFO = JdwpPipeline.Raw.find("ObjectReference$MonitorInfo",
            "ObjectReferenceImpl");
    private static final JdwpPipeline.Raw THIS_OBJECT = JdwpPipeline.Raw.find("StackFrame$ThisObject", "ThreadReferenceImpl",
            long.class);
    private static final JdwpPipeline.Raw NAME = JdwpPipeline.Raw.find("ThreadReference$Name", THREAD);
    private static final Reply REPLIES = Reply.find();

    private ThreadPackets() {
    }

    /** True when reads are pipelined (JDI internals open to mapdbg and not turned off). */
    public static boolean pipelined() {
        return JdwpPipeline.available() && REPLIES != null;
    }

    /** A frame as read: its location, and how to name it again for {@code this} (a JDWP frame id, or JDI's frame). */
    public record Frame(Location location, long frameId, StackFrame jdi) {
    }

    /**
     * Instance fields of many objects, one request per object. The caller guarantees that every object has every
     * field (its static type proves it): the target does not check, and a wrong or static field crashes it.
     */
    public static List<Map<Field, Value>> values(VirtualMachine vm, List<? extends ObjectReference> objects,
                                                 List<Field> fields) {
        List<Map<Field, Value>> out = new ArrayList<>(objects.size());
        if (pipelined() && JdwpPipeline.instanceFieldsOnly(fields)) {
            List<JdwpPipeline.Request> requests = new ArrayList<>(objects.size());
            for (ObjectReference o : objects) {
                requests.add(new JdwpPipeline.Request(o, fields));
            }
            JdwpPipeline.readAll(vm, requests);
            for (JdwpPipeline.Request r : requests) {
                out.add(r.values);
            }
            return out;
        }
        for (ObjectReference o : objects) {
            try {
                out.add(o.getValues(fields));
            } catch (ObjectCollectedException | IllegalArgumentException e) {
                out.add(null);
            }
        }
        return out;
    }

    /** The names of the threads (one request each). */
    public static List<String> names(VirtualMachine vm, List<ThreadReference> threads) {
        if (!pipelined()) {
            return plain(threads, ThreadReference::name);
        }
        return replies(NAME.sendAll(vm, args(threads)), r -> (String) REPLIES.read(REPLIES.threadName, r));
    }

    /**
     * The top depth frames of each suspended thread (all when depth &lt;= 0, or when the stack is shorter: a
     * second pipelined request for those). Empty for a thread that ended.
     */
    public static List<List<Frame>> frames(VirtualMachine vm, List<ThreadReference> threads, int depth) {
        if (!pipelined()) {
            return plain(threads, t -> {
                try {
                    List<StackFrame> frames = depth <= 0 ? t.frames() : t.frames(0, Math.min(depth, t.frameCount()));
                    List<Frame> out = new ArrayList<>(frames.size());
                    frames.forEach(f -> out.add(new Frame(f.location(), -1, f)));
                    return out;
                } catch (IncompatibleThreadStateException | IndexOutOfBoundsException e) {
                    return List.of();
                }
            });
        }
        List<Object[]> asked = new ArrayList<>(threads.size());
        threads.forEach(t -> asked.add(new Object[] {t, 0, depth <= 0 ? -1 : depth}));
        List<Object> replies = new ArrayList<>(FRAMES.sendAll(vm, asked));
        List<Integer> shorter = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) instanceof JdwpPipeline.Refused r && r.errorCode() == JdwpPipeline.INVALID_LENGTH) {
                shorter.add(i);
            }
        }
        if (!shorter.isEmpty()) { // stacks shorter than depth: all their frames (-1), cheap for a short stack
            List<Object[]> again = new ArrayList<>(shorter.size());
            shorter.forEach(i -> again.add(new Object[] {threads.get(i), 0, -1}));
            List<Object> second = FRAMES.sendAll(vm, again);
            for (int k = 0; k < shorter.size(); k++) {
                replies.set(shorter.get(k), second.get(k));
            }
        }
        List<List<Frame>> out = new ArrayList<>(threads.size());
        for (Object reply : replies) {
            if (reply == null || reply instanceof JdwpPipeline.Refused) {
                out.add(List.of());
                continue;
            }
            Object[] raw = (Object[]) REPLIES.read(REPLIES.frames, reply);
            List<Frame> frames = new ArrayList<>(raw.length);
            for (Object f : raw) {
                frames.add(new Frame((Location) REPLIES.read(REPLIES.location, f), (long) REPLIES.read(REPLIES.frameId, f),
                        null));
            }
            out.add(frames);
        }
        return out;
    }

    /** The monitor each suspended thread is blocked entering (or, before JDK 23, waits on in Object.wait). */
    public static List<ObjectReference> contendedMonitors(VirtualMachine vm, List<ThreadReference> threads) {
        if (!pipelined()) {
            return plain(threads, t -> {
                try {
                    return t.currentContendedMonitor();
                } catch (IncompatibleThreadStateException | UnsupportedOperationException e) {
                    return null;
                }
            });
        }
        return replies(CONTENDED.sendAll(vm, args(threads)), r -> (ObjectReference) REPLIES.read(REPLIES.monitor, r));
    }

    /** The owner of each monitor, or null. */
    public static List<ThreadReference> monitorOwners(VirtualMachine vm, List<ObjectReference> monitors) {
        if (!pipelined()) {
            return plain(monitors, m -> {
                try {
                    return m.owningThread();
                } catch (IncompatibleThreadStateException | UnsupportedOperationException e) {
                    return null;
                }
            });
        }
        return replies(MONITOR_INFO.sendAll(vm, args(monitors)), r -> (ThreadReference) REPLIES.read(REPLIES.owner, r));
    }

    /** {@code this} of frames.get(i) of threads.get(i); null for static and native frames. */
    public static List<ObjectReference> thisObjects(VirtualMachine vm, List<ThreadReference> threads, List<Frame> frames) {
        if (!pipelined() || frames.stream().anyMatch(f -> f.jdi() != null)) {
            return plain(frames, f -> {
                try {
                    return f.jdi() == null ? null : f.jdi().thisObject();
                } catch (InvalidStackFrameException | InternalException e) {
                    return null;
                }
            });
        }
        List<Object[]> asked = new ArrayList<>(threads.size());
        for (int i = 0; i < threads.size(); i++) {
            asked.add(new Object[] {threads.get(i), frames.get(i).frameId()});
        }
        return replies(THIS_OBJECT.sendAll(vm, asked), r -> (ObjectReference) REPLIES.read(REPLIES.objectThis, r));
    }

    private static List<Object[]> args(List<?> items) {
        List<Object[]> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(new Object[] {i}));
        return out;
    }

    private static <R> List<R> replies(List<Object> replies, java.util.function.Function<Object, R> read) {
        List<R> out = new ArrayList<>(replies.size());
        for (Object r : replies) {
            out.add(r instanceof JdwpPipeline.Refused ? null : read.apply(r));
        }
        return out;
    }

    private static <T, R> List<R> plain(List<T> items, java.util.function.Function<T, R> read) {
        List<R> out = new ArrayList<>(items.size());
        for (T item : items) {
            try {
                out.add(read.apply(item));
            } catch (ObjectCollectedException | IllegalThreadStateException | InvalidStackFrameException e) {
                out.add(null);
            }
        }
        return out;
    }

    /** The reply fields read, looked up once. */
    private record Reply(java.lang.reflect.Field threadName, java.lang.reflect.Field frames,
                         java.lang.reflect.Field frameId, java.lang.reflect.Field location,
                         java.lang.reflect.Field monitor, java.lang.reflect.Field owner,
                         java.lang.reflect.Field objectThis) {
        static Reply find() {
            if (FRAMES == null || CONTENDED == null || MONITOR_INFO == null || THIS_OBJECT == null || NAME == null) {
                return null;
            }
            try {
                return new Reply(NAME.replyField(null, "threadName"), FRAMES.replyField(null, "frames"),
                        FRAMES.replyField("Frame", "frameID"), FRAMES.replyField("Frame", "location"),
                        CONTENDED.replyField(null, "monitor"), MONITOR_INFO.replyField(null, "owner"),
                        THIS_OBJECT.replyField(null, "objectThis"));
            } catch (RuntimeException e) {
                return null;
            }
        }

        Object read(java.lang.reflect.Field f, Object reply) {
            try {
                return f.get(reply);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
