package io.mapdbg.backend.agent;

import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.locks.Deadlocks;
import io.mapdbg.locks.WaitScan;
import io.mapdbg.locks.IdleWaits;
import io.mapdbg.locks.WaitingFrame;
import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;
import io.mapdbg.backend.agent.AgentThreadsReply.Dump;
import io.mapdbg.backend.agent.AgentThreadsReply.Dumped;
import io.mapdbg.backend.agent.AgentThreadsReply.Wait;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.threads.StackGroups;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * threads and threads --blocked through the agent: the JVM's own thread dump (ThreadMXBean, with lock info), taken
 * inside the target without pausing it, turned into the same records as the JDWP path. jdiId is -1 (there is no
 * JDWP) and jdiStatus is null. A blocked report resolves locks to maps that static fields reach, names the read
 * holders of a ReentrantReadWriteLock and the map entry of a latch-style wait on a map value, as the JDWP path
 * does (the reply is read by {@link AgentThreadsReply}). Only the waiting and owning threads' frames cross the
 * channel for a blocked report.
 */
public final class AgentThreads {
    private static final int WAITER_FRAMES = 10;

    private final AgentClient agent;

    /** One per agent backend: it keeps the dump asked for ahead. */
    AgentThreads(AgentClient agent) {
        this.agent = agent;
    }

    public Result threads(ThreadQuery query) {
        int depth = query.group() ? 0 : 1;
        Map<String, String> args = Map.of("depth", Integer.toString(depth));
        List<Dumped> all;
        long pause;
        try {
            DataInputStream in = agent.call("threads", args);
            pause = in.readLong() / 1_000_000;
            all = AgentThreadsReply.threads(in);
        } catch (IOException e) {
            throw new TargetException("the agent's thread dump could not be read: " + e, e);
        }
        List<ThreadInfo> matched = new ArrayList<>();
        for (Dumped t : all) {
            if ((query.state() == null || query.state().equals(t.state()))
                    && (query.name() == null || query.name().matcher(t.name()).find())) {
                matched.add(info(t));
            }
        }
        matched.sort(Comparator.comparingLong(ThreadInfo::id));
        if (!query.group()) {
            List<ThreadInfo> shown = query.top() > 0 && matched.size() > query.top() ? matched.subList(0, query.top()) : matched;
            return new ThreadList(all.size(), matched.size(), List.copyOf(shown), shown.size() < matched.size(), pause);
        }
        List<StackGroup> groups = StackGroups.group(matched, ThreadQuery.GROUP_NAMES, query.depth());
        boolean cut = query.top() > 0 && groups.size() > query.top();
        return new StackProfile(all.size(), matched.size(), cut ? groups.subList(0, query.top()) : groups, cut, pause);
    }

    public BlockedReport blocked() {
        return blocked(BlockedOptions.DEFAULT);
    }

    /**
     * threads --blocked: waiters per lock as the JDWP path reports them. Idle waits (see {@link IdleWaits}) are
     * left out unless allWaits; state and name select waiters (owners are always shown).
     */
    public BlockedReport blocked(BlockedOptions options) {
        return report(dump(options.allWaits()), options);
    }

    /**
     * The report from the bytes of a {@code threads blocked=true} reply: for the launcher's class-data-sharing
     * training run (cli/CdsTraining), which has no target and loads this path's classes through it.
     */
    public static BlockedReport report(byte[] reply, BlockedOptions options) {
        try {
            return report(AgentThreadsReply.parse(new DataInputStream(new java.io.ByteArrayInputStream(reply))), options);
        } catch (IOException e) {
            throw new TargetException("the agent's thread dump could not be read: " + e, e);
        }
    }

    private static BlockedReport report(Dump d, BlockedOptions options) {
        // loops, not streams and lambdas: in a fresh client JVM every lambda's first call costs ~1 ms of linking
        Map<String, List<Wait>> byLock = new LinkedHashMap<>();
        for (Wait w : d.waits()) {
            String key = w.kind() + ":" + w.key(); // a TreeBin: monitor and park
            List<Wait> of = byLock.get(key);
            if (of == null) {
                of = new ArrayList<>();
                byLock.put(key, of);
            }
            of.add(w);
        }
        List<BlockedCluster> clusters = new ArrayList<>();
        for (List<Wait> all : byLock.values()) {
            List<Wait> ws = selected(all, options);
            if (ws.isEmpty()) {
                continue;
            }
            ws.sort(BY_NAME);
            Wait first = ws.get(0);
            String detail = first.detail();
            if (first.note() != null) {
                detail = detail == null ? first.note() : detail + "; " + first.note();
            }
            LockRef lock = new LockRef(first.kind(), first.lockClass(), first.lockId(), detail);
            Waiter[] waiters = new Waiter[ws.size()];
            for (int i = 0; i < waiters.length; i++) {
                Dumped t = ws.get(i).thread();
                waiters[i] = new Waiter(t.name(), t.id(), t.state(), waitingFrame(t));
            }
            List<ThreadSummary> readers = new ArrayList<>(first.readers().length);
            for (long r : first.readers()) {
                ThreadSummary s = summary(d.byId().get(r));
                if (s != null) {
                    readers.add(s);
                }
            }
            clusters.add(new BlockedCluster(lock, summary(d.byId().get(first.owner())), List.of(waiters), first.map(),
                    first.entry(), List.copyOf(readers)));
        }
        clusters.sort(LARGEST_FIRST);
        return new BlockedReport(d.all().size(), List.copyOf(clusters), deadlocks(d.waits(), d.byId()), d.pause(), false);
    }

    private static final Comparator<Wait> BY_NAME = new Comparator<>() {
        @Override
        public int compare(Wait a, Wait b) {
            return a.thread().name().compareTo(b.thread().name());
        }
    };

    /** Most waiters first, then by lock id. */
    private static final Comparator<BlockedCluster> LARGEST_FIRST = BlockedReport.LARGEST_FIRST;

    /** threads --blocked --group: the selected waiters' stacks grouped, largest group first. */
    public StackProfile grouped(BlockedOptions options, int top, int depth) {
        Dump d = read(Math.max(WAITER_FRAMES, depth <= 0 ? 64 : depth), false, false);
        Map<String, List<Wait>> byLock = new LinkedHashMap<>();
        for (Wait w : d.waits()) {
            byLock.computeIfAbsent(w.kind() + ":" + w.key(), k -> new ArrayList<>()).add(w); // a TreeBin: monitor and park
        }
        List<ThreadInfo> infos = new ArrayList<>();
        for (List<Wait> all : byLock.values()) {
            selected(all, options).forEach(w -> infos.add(new ThreadInfo(w.thread().id(), -1, w.thread().name(),
                    w.thread().state(), null, w.thread().daemon(), null, w.thread().frames()))); // stacks cut at depth
        }
        List<StackGroup> groups = StackGroups.group(infos, ThreadQuery.GROUP_NAMES, depth);
        boolean cut = top > 0 && groups.size() > top;
        return new StackProfile(d.all().size(), infos.size(), cut ? groups.subList(0, top) : groups, cut, d.pause());
    }

    /** The waiters of one lock that options select: none when the lock's waiters idle for work (unless allWaits). */
    private static List<Wait> selected(List<Wait> waits, BlockedOptions options) {
        Wait first = waits.get(0);
        boolean contended = first.kind().equals("monitor") && "BLOCKED".equals(first.thread().state());
        if (!options.allWaits() && !contended && idle(first.thread())) {
            return List.of();
        }
        List<Wait> out = new ArrayList<>(waits.size());
        for (Wait w : waits) {
            if ((options.state() == null || options.state().equals(w.thread().state()))
                    && (options.name() == null || options.name().matcher(w.thread().name()).find())) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean idle(Dumped t) {
        List<FrameInfo> frames = t.frames();
        String[] classes = new String[frames.size()];
        String[] methods = new String[frames.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = frames.get(i).className();
            methods[i] = frames.get(i).method();
        }
        return classes.length > 0 && IdleWaits.idle(Arrays.asList(classes), Arrays.asList(methods));
    }

    /** A dump asked for ahead (see {@link #prefetch}): taken by the first blocked report; guarded by this. */
    private Ahead ahead;

    private record Ahead(boolean allWaits, java.util.concurrent.CompletableFuture<Dump> dump) {
    }

    /** System.nanoTime() when the prefetched dump arrived (for -Dmapdbg.timing). */
    private volatile long prefetchedAt;

    public long prefetchedAt() {
        return prefetchedAt;
    }

    /**
     * Asks the agent for the blocked report's dump now, on a daemon thread, so that the target takes it while this
     * JVM parses the command line (a one-shot threads --blocked). The next {@link #blocked} with the same allWaits
     * uses it.
     */
    public void prefetch(boolean allWaits) {
        var future = new java.util.concurrent.CompletableFuture<Dump>();
        synchronized (this) {
            ahead = new Ahead(allWaits, future);
        }
        Thread t = new Thread("mapdbg-agent-prefetch") { // a subclass, not a lambda: no linking on this short path
            @Override
            public void run() {
                try {
                    Dump d = read(WAITER_FRAMES, true, allWaits);
                    prefetchedAt = System.nanoTime();
                    future.complete(d);
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            }
        };
        t.setDaemon(true);
        t.start();
    }

    private Dump dump(boolean allWaits) {
        Ahead taken;
        synchronized (this) {
            taken = ahead;
            ahead = null;
        }
        if (taken != null && taken.allWaits() == allWaits) {
            try {
                return taken.dump().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return read(WAITER_FRAMES, true, allWaits);
    }

    /**
     * One request: every thread and every wait. Frames: with waitingFrames (a blocked report) those of owners and of
     * each lock's first waiter, and of the other waiters down to where each waits, but none for the other waiters of
     * a lock whose first waiter idles (unless allWaits); else all of every waiter and owner (--group).
     */
    private Dump read(int depth, boolean waitingFrames, boolean allWaits) {
        try {
            DataInputStream in = agent.call("threads", Map.of("depth", Integer.toString(depth), "blocked", "true",
                    "relevantFrames", "true", "waitingFrames", Boolean.toString(waitingFrames),
                    "allWaits", Boolean.toString(allWaits)));
            return AgentThreadsReply.parse(in);
        } catch (IOException e) {
            throw new TargetException("the agent's thread dump could not be read: " + e, e);
        }
    }

    private static List<Deadlock> deadlocks(List<Wait> waits, Map<Long, Dumped> byId) {
        Map<Long, Long> edges = new HashMap<>();
        Map<Long, Wait> byThread = new HashMap<>();
        for (Wait w : waits) {
            // as over JDWP: the owner, else a read lock's only holder
            long owner = w.owner() >= 0 ? w.owner() : w.readers().length == 1 ? w.readers()[0] : -1;
            if (byId.containsKey(owner)) {
                edges.put(w.thread().id(), owner);
                byThread.put(w.thread().id(), w);
            }
        }
        List<Deadlock> out = new ArrayList<>();
        for (List<Long> cycle : Deadlocks.cycles(edges)) {
            List<Deadlock.Step> steps = new ArrayList<>();
            for (long id : cycle) {
                Wait w = byThread.get(id);
                steps.add(new Deadlock.Step(summary(w.thread()),
                        new LockRef(w.kind(), w.lockClass(), w.lockId(), w.detail()), waitingFrame(w.thread())));
            }
            out.add(new Deadlock(steps));
        }
        return out;
    }

    private static ThreadSummary summary(Dumped t) {
        if (t == null) {
            return null;
        }
        int n = Math.min(WaitScan.OWNER_FRAMES, t.frames().size());
        String[] frames = new String[n];
        for (int i = 0; i < n; i++) {
            frames[i] = t.frames().get(i).where();
        }
        return new ThreadSummary(t.name(), t.id(), t.state(), List.of(frames));
    }

    private static String waitingFrame(Dumped t) {
        List<FrameInfo> frames = t.frames();
        String[] classes = new String[frames.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = frames.get(i).className();
        }
        int at = WaitingFrame.pick(Arrays.asList(classes));
        return at < 0 ? null : frames.get(at).where();
    }

    private static ThreadInfo info(Dumped t) {
        return new ThreadInfo(t.id(), -1, t.name(), t.state(), null, t.daemon(), t.frameCount(), t.frames());
    }
}
