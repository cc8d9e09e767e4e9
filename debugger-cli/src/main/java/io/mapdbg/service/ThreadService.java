package io.mapdbg.service;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import io.mapdbg.backend.jdwp.JdwpThreads;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.FrameView;
import io.mapdbg.model.StackTrace;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.Variable;
import io.mapdbg.model.Variables;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;
import io.mapdbg.threads.FrameReader;
import io.mapdbg.threads.LiveThread;
import io.mapdbg.threads.ThreadReader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Threads, stacks, frames and their variables: one call per command. A list of threads is read in one pause of
 * the whole VM (always resumed); one thread's stack is read with that thread alone suspended when it was
 * running (the values are then a snapshot). A thread stopped by an event stays stopped: every suspend here is
 * paired with its resume, so suspend counts stay as they were.
 */
public final class ThreadService {
    private final Session session;

    public ThreadService(Session session) {
        this.session = session;
    }

    /** A thread a breakpoint keeps stopped shows as AT_BREAKPOINT (see {@link JdwpThreads#atBreakpoint}). */
    static ThreadInfo atBreakpoint(ThreadInfo t, boolean held) {
        return JdwpThreads.atBreakpoint(t, held);
    }

    /**
     * The thread a user named: its Java id as {@code threads} shows it, {@code @N} for the JDI id, or its exact
     * name when that is not a number.
     */
    public ThreadReference find(String idOrName) {
        String text = idOrName.trim();
        Long wanted = null;
        boolean jdi = text.startsWith("@");
        try {
            wanted = Long.parseLong(jdi ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            if (jdi) {
                throw new TargetException("'" + text + "' is not a thread id", TargetException.USAGE, null);
            }
        }
        List<ThreadReader.Identity> all = session.call("listing threads", () -> {
            try (ThreadReader reader = new ThreadReader(session.vm())) {
                return reader.identify(reader.allThreads());
            }
        });
        List<ThreadReader.Identity> found = new ArrayList<>();
        for (ThreadReader.Identity t : all) {
            boolean match = wanted == null ? t.name().equals(text) : jdi ? t.reference().uniqueID() == wanted : t.id() == wanted;
            if (match) {
                found.add(t);
            }
        }
        if (found.isEmpty()) {
            throw new TargetException("no thread " + (wanted == null ? "named " : "with id ") + text
                    + " in the target (threads lists them)");
        }
        if (found.size() > 1) {
            throw new TargetException(found.size() + " threads are named " + text + ": use the id (ids "
                    + found.stream().map(t -> Long.toString(t.id())).toList() + ")", TargetException.USAGE, null);
        }
        return found.get(0).reference();
    }

    /** The focused thread, or a one-line error saying how to choose one. */
    public ThreadReference focused() {
        return session.focus().thread()
                .orElseThrow(() -> new TargetException("no thread selected: use thread <id> (threads lists them)"));
    }

    /** The top depth frames (all if depth &lt;= 0) of t with their arguments, and locals when full. */
    public StackTrace stack(ThreadReference t, int depth, boolean full, int selectedFrame) {
        FrameReader frames = new FrameReader(session);
        return stopped(t, snapshot -> {
            LiveThread live = live(t);
            int count = t.frameCount();
            List<StackFrame> read = ThreadReader.frames(t, depth);
            List<FrameInfo> infos = new ArrayList<>(read.size());
            for (int i = 0; i < read.size(); i++) {
                infos.add(frames.withValues(i, read.get(i), full));
            }
            boolean held = session.stoppedAtEvents().contains(t);
            return new StackTrace(atBreakpoint(live.info(count, List.of()), held), infos, infos.size() < count, snapshot,
                    selectedFrame);
        });
    }

    /** Frame index of t, with its arguments and locals. */
    public FrameView frame(ThreadReference t, int index) {
        FrameReader frames = new FrameReader(session);
        return stopped(t, snapshot -> {
            LiveThread live = live(t);
            return new FrameView(live.id(), live.name(), frames.withValues(index, frameAt(t, index), true), snapshot);
        });
    }

    /** The arguments (locals false) or the locals (locals true) of frame index of t. */
    public Variables variables(ThreadReference t, int index, boolean locals) {
        FrameReader frames = new FrameReader(session);
        return stopped(t, snapshot -> {
            LiveThread live = live(t);
            StackFrame frame = frameAt(t, index);
            FrameInfo at = FrameReader.location(index, frame);
            Variable self = frames.thisObject(frame);
            if (!locals) {
                return new Variables("args", live.id(), live.name(), at, self, frames.arguments(frame), null, snapshot);
            }
            try {
                return new Variables("locals", live.id(), live.name(), at, self, frames.locals(frame), null, snapshot);
            } catch (AbsentInformationException e) {
                return new Variables("locals", live.id(), live.name(), at, self, List.of(), FrameReader.NO_LOCALS,
                        snapshot);
            }
        });
    }

    /** Number of frames of t (suspending it for the count if it runs). */
    public int frameCount(ThreadReference t) {
        return stopped(t, snapshot -> t.frameCount());
    }

    private LiveThread live(ThreadReference t) {
        LiveThread live;
        try (ThreadReader reader = new ThreadReader(session.vm())) {
            live = reader.readOne(t);
        }
        if (live == null) {
            throw new TargetException("the thread has ended");
        }
        return live;
    }

    private static StackFrame frameAt(ThreadReference t, int index) throws IncompatibleThreadStateException {
        int count = t.frameCount();
        if (index < 0 || index >= count) {
            throw new TargetException("no frame " + index + ": the thread has " + count + " frames (0.." + (count - 1)
                    + ")", TargetException.USAGE, null);
        }
        return t.frame(index);
    }

    /** A read that may throw JDI's checked exception for a thread that is not suspended. */
    private interface ThreadRead<T> {
        T apply(boolean snapshot) throws IncompatibleThreadStateException;
    }

    /**
     * Runs read with t suspended: if it was running, suspended just for the read (snapshot true) and resumed in
     * finally; if it was already stopped, it stays so (our suspend and resume pair up and leave its count as it was).
     */
    private <T> T stopped(ThreadReference t, ThreadRead<T> read) {
        return session.call("reading a thread", () -> {
            boolean wasRunning;
            try {
                wasRunning = t.suspendCount() == 0;
                t.suspend();
            } catch (ObjectCollectedException | IllegalThreadStateException e) {
                throw new TargetException("the thread has ended", e);
            }
            try {
                return read.apply(wasRunning);
            } catch (IncompatibleThreadStateException e) {
                throw new TargetException("the thread could not be suspended to read its frames", e);
            } finally {
                t.resume();
            }
        });
    }
}
