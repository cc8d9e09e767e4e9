package io.mapdbg.races;

import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import io.mapdbg.session.Session;
import io.mapdbg.threads.FrameReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stopped writer for an overlap report: its stack (bounded), the mutator it is in and the key it writes,
 * from {@code thisObject()} and {@code getArgumentValues()} (no local-variable table needed in java.util).
 */
final class WriterSnapshot {
    static final int STACK_FRAMES = 16;
    private static final int SEARCH_FRAMES = 64;

    private final Session session;

    WriterSnapshot(Session session) {
        this.session = session;
    }

    /** The suspended thread as a writer inside the map: its outermost mutator frame on the map, or null if none. */
    Overlap.Writer inside(ThreadReference t, ObjectReference map) {
        List<StackFrame> frames = frames(t, SEARCH_FRAMES);
        int outermost = -1;
        for (int i = 0; i < frames.size(); i++) {
            StackFrame f = frames.get(i);
            if (Mutators.isMutator(f.location().method()) && map.equals(f.thisObject())) {
                outermost = i;
            }
        }
        if (outermost < 0) {
            return null;
        }
        StackFrame at = frames.get(outermost);
        return new Overlap.Writer(t.name(), at.location().method().name(), key(at), stack(frames),
                session.threadId(t));
    }

    /** A thread stopped at the entry of a mutator. */
    Overlap.Writer entering(ThreadReference t, Method method) {
        List<StackFrame> frames = frames(t, STACK_FRAMES);
        return new Overlap.Writer(t.name(), method.name(), key(frames.get(0)), stack(frames), session.threadId(t));
    }

    private String key(StackFrame f) {
        Method m = f.location().method();
        int arg = Mutators.keyArgument(m);
        if (arg == -1) {
            return null;
        }
        List<Value> args = f.getArgumentValues();
        if (arg == -2) { // TreeMap.deleteEntry(Entry): the entry's key
            if (args.isEmpty() || !(args.get(0) instanceof ObjectReference entry)) {
                return null;
            }
            Field key = entry.referenceType().fieldByName("key");
            return key == null ? null : preview(entry.getValue(key));
        }
        return arg < args.size() ? preview(args.get(arg)) : null;
    }

    private String preview(Value v) {
        if (v == null) {
            return "null";
        }
        return v instanceof ObjectReference o ? session.mirror(o).preview(FrameReader.PREVIEW_CHARS) : v.toString();
    }

    private static List<String> stack(List<StackFrame> frames) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(frames.size(), STACK_FRAMES); i++) {
            out.add(FrameReader.location(i, frames.get(i)).where());
        }
        return out;
    }

    private static List<StackFrame> frames(ThreadReference t, int max) {
        try {
            return t.frames(0, Math.min(max, t.frameCount()));
        } catch (IncompatibleThreadStateException e) {
            throw new IncompatibleThreadStateRuntime(e);
        }
    }

    /** The checked IncompatibleThreadStateException of JDI calls made from an event handler, unchecked. */
    static final class IncompatibleThreadStateRuntime extends RuntimeException {
        IncompatibleThreadStateRuntime(IncompatibleThreadStateException e) {
            super(e);
        }
    }
}
