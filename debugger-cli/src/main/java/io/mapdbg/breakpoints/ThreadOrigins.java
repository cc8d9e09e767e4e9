package io.mapdbg.breakpoints;

import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.ThreadOrigin;
import io.mapdbg.model.ThreadRef;
import io.mapdbg.session.Session;
import io.mapdbg.session.events.Probe;
import io.mapdbg.session.events.ProbeHit;
import io.mapdbg.session.events.ProbeSpec;
import io.mapdbg.threads.FrameReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code origin on}: a breakpoint on every {@code java.lang.Thread.start} (executors and thread factories start
 * their threads through it too) that records, for each thread started from then on, the stack of the thread that
 * started it, keyed by the new thread's object id; the starter runs on as soon as its stack is read. On JDK 19+
 * {@code start()} calls {@code start(ThreadContainer)}, which structured concurrency also calls directly: both
 * are overloads of start and both are armed; the first hit for a thread wins. The recorded stack starts at the
 * caller of start, below the JDK's own plumbing (Thread, and on JDK 21+ the thread containers executors start
 * their workers through, jdk.internal.*), so it reads the same on JDK 17 and 25. Virtual threads
 * ({@code VirtualThread.start}) are not covered.
 */
public final class ThreadOrigins {
    static final int MAX_FRAMES = 24;
    static final int MAX_THREADS = 50_000; // the oldest origins are forgotten past this

    private final Session session;
    private final Map<Long, ThreadOrigin> byThread = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ThreadOrigin> eldest) {
            return size() > MAX_THREADS;
        }
    }; // guarded by this
    private Probe probe; // guarded by this
    private long recorded; // guarded by this

    public ThreadOrigins(Session session) {
        this.session = session;
    }

    /** Starts recording (again); returns where the breakpoint resolved. */
    public synchronized List<String> start() {
        if (probe == null || !probe.armed()) {
            probe = session.probes().arm(List.of(ProbeSpec.method("java.lang.Thread", "start")), null, this::onStart);
        }
        return probe.resolved();
    }

    public synchronized void stop() {
        if (probe != null) {
            probe.disarm();
            probe = null;
        }
    }

    public synchronized boolean recording() {
        return probe != null && probe.armed();
    }

    /** Threads whose start was recorded so far. */
    public synchronized long recorded() {
        return recorded;
    }

    /** Event-loop thread, with the starting thread stopped in Thread.start: read its stack and let it go. */
    private boolean onStart(ProbeHit hit) {
        ObjectReference started = hit.thisObject();
        if (!(started instanceof ThreadReference newThread)) {
            return false;
        }
        synchronized (this) {
            if (byThread.containsKey(newThread.uniqueID())) {
                return false; // start() calling start(ThreadContainer): the first hit has the stack
            }
        }
        ThreadReference starter = hit.thread();
        List<StackFrame> frames;
        try {
            frames = starter.frames();
        } catch (IncompatibleThreadStateException e) {
            return false;
        }
        List<FrameInfo> out = new ArrayList<>();
        boolean truncated = false;
        for (StackFrame f : frames) {
            if (out.isEmpty() && plumbing(f.location().declaringType().name())) {
                continue; // Thread.start itself, and on JDK 21+ the thread containers executors go through
            }
            if (out.size() == MAX_FRAMES) {
                truncated = true;
                break;
            }
            out.add(FrameReader.location(out.size(), f));
        }
        ThreadOrigin origin = new ThreadOrigin(null, ref(newThread), true, ref(starter), List.copyOf(out), truncated, null);
        synchronized (this) {
            byThread.put(newThread.uniqueID(), origin);
            recorded++;
        }
        return false;
    }

    private static boolean plumbing(String className) {
        return className.equals("java.lang.Thread") || className.startsWith("java.lang.System$")
                || className.startsWith("jdk.internal.");
    }

    /** The origin of t: recorded, or one that says it was started before recording began. */
    public synchronized ThreadOrigin of(ThreadReference t) {
        ThreadOrigin origin = byThread.get(t.uniqueID());
        if (origin != null) {
            return origin;
        }
        return new ThreadOrigin(null, ref(t), false, null, null, false,
                "started before origin recording began (origin on records threads started after it)");
    }

    private ThreadRef ref(ThreadReference t) {
        return HitReader.thread(session, t);
    }
}
