package io.mapdbg.service;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.FrameView;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.StackTrace;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.Variable;
import io.mapdbg.model.Variables;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;
import io.mapdbg.threads.FrameReader;
import io.mapdbg.threads.LiveThread;
import io.mapdbg.threads.StackGroups;
import io.mapdbg.threads.ThreadReader;
import io.mapdbg.threads.ThreadStates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Threads, stacks, frames and their variables: one call per command. A list of threads is read in one pause of
 * the whole VM (always resumed); one thread's stack is read with that thread alone suspended when it was
 * running (the values are then a snapshot). A thread stopped by an event stays stopped: every suspend here is
 * paired with its resume, so suspend counts stay as they were.
 */
public final class ThreadService {
    /** Thread names listed per group. */
    public static final int GROUP_NAMES = 10;

    /**
     * What {@code threads} lists: state a Thread.State name or null for all; name a pattern found anywhere in
     * the name, or null; top how many threads (or groups) at most, 0 for all; depth frames shown per group.
     */
    public record Query(String state, Pattern name, int top, boolean group, int depth) {
    }

    private final Session session;

    public ThreadService(Session session) {
        this.session = session;
    }

    /** {@code threads}: a {@link ThreadList}, or a {@link StackProfile} with {@code group}. */
    public Result threads(Query query) {
        try (ThreadReader reader = new ThreadReader(session.vm())) {
            int[] counts = new int[2];
            // Before the pause, while the target runs: who the threads are, and a first look at their states to
            // filter on. In the pause: the candidates' states again (a thread may have moved) and their frames.
            Set<ThreadReference> seen = new HashSet<>();
            List<LiveThread> candidates = session.call("listing threads", () -> {
                List<ThreadReference> before = reader.allThreads();
                seen.addAll(before);
                return filter(reader.states(named(reader.identify(before), query.name())), query.state());
            });
            Set<ThreadReference> stopped = session.stoppedAtEvents();
            long start = System.nanoTime();
            List<ThreadInfo> infos = session.suspended(() -> {
                List<ThreadReference> now = reader.allThreads(); // threads started since are read here
                Set<ThreadReference> alive = new HashSet<>(now);
                List<ThreadReader.Identity> identities = new ArrayList<>();
                for (LiveThread t : candidates) {
                    if (alive.contains(t.reference())) {
                        identities.add(t.identity());
                    }
                }
                int stillThere = identities.size();
                // Only the threads shown need their frames and fresh states: cut by id before reading (a thread
                // that left the state meanwhile makes the list one shorter, rather than the pause longer).
                identities.sort(Comparator.comparingLong(ThreadReader.Identity::id));
                if (!query.group() && query.top() > 0 && identities.size() > query.top()) {
                    identities = identities.subList(0, query.top());
                }
                List<ThreadReader.Identity> fresh = named(reader.identify(now.stream().filter(t -> !seen.contains(t)).toList()),
                        query.name());
                counts[0] = now.size();
                List<LiveThread> matched = filter(reader.states(identities), query.state());
                int left = identities.size() - matched.size(); // moved to another state since the first look
                List<LiveThread> freshMatched = filter(reader.states(fresh), query.state());
                matched.addAll(freshMatched);
                matched.sort(Comparator.comparingLong(LiveThread::id));
                counts[1] = stillThere - left + freshMatched.size(); // threads not shown: by their first look
                List<LiveThread> shown = query.group() || query.top() <= 0 || matched.size() <= query.top()
                        ? matched : matched.subList(0, query.top());
                int depth = query.group() ? 0 : 1; // whole stacks to group, else the top frame
                List<List<FrameInfo>> frames = reader.locations(shown.stream().map(LiveThread::reference).toList(), depth);
                List<ThreadInfo> out = new ArrayList<>(shown.size());
                for (int i = 0; i < shown.size(); i++) {
                    out.add(atBreakpoint(shown.get(i).info(null, frames.get(i)), stopped.contains(shown.get(i).reference())));
                }
                return out;
            });
            long pause = (System.nanoTime() - start) / 1_000_000;
            if (!query.group()) {
                return new ThreadList(counts[0], counts[1], infos, infos.size() < counts[1], pause);
            }
            List<StackGroup> groups = StackGroups.group(infos, GROUP_NAMES, query.depth());
            boolean cut = query.top() > 0 && groups.size() > query.top();
            return new StackProfile(counts[0], counts[1], cut ? groups.subList(0, query.top()) : groups, cut, pause);
        }
    }

    /**
     * A thread a breakpoint keeps stopped reads RUNNABLE in its own status field: it is shown as AT_BREAKPOINT
     * (its top frame is where it stopped), so that nobody takes it for a running thread.
     */
    static ThreadInfo atBreakpoint(ThreadInfo t, boolean held) {
        return !held ? t : new ThreadInfo(t.id(), t.jdiId(), t.name(), ThreadStates.AT_BREAKPOINT, t.jdiStatus(), t.daemon(),
                t.frameCount(), t.frames());
    }

    private static List<LiveThread> filter(List<LiveThread> threads, String state) {
        List<LiveThread> out = new ArrayList<>(threads.size());
        for (LiveThread t : threads) {
            if (state == null || state.equals(t.state())) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<ThreadReader.Identity> named(List<ThreadReader.Identity> threads, Pattern name) {
        return name == null ? threads : threads.stream().filter(t -> name.matcher(t.name()).find()).toList();
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
