package io.mapdbg.service;

import io.mapdbg.locks.Deadlocks;
import io.mapdbg.locks.IdleWaits;
import io.mapdbg.locks.WaitingFrame;
import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.threads.StackGroups;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * threads and threads --blocked through the agent: the JVM's own thread dump (ThreadMXBean, with lock info), taken
 * inside the target without pausing it, turned into the same records as the JDWP path. jdiId is -1 (there is no
 * JDWP) and jdiStatus is null. A blocked report resolves locks to maps that static fields reach; waits on map
 * values (a latch that is a map value) are not resolved through the agent. Only the waiting and owning threads'
 * frames cross the channel for a blocked report.
 */
public final class AgentThreadsService {
    private static final int WAITER_FRAMES = 10;

    private final AgentClient agent;

    public AgentThreadsService(AgentClient agent) {
        this.agent = agent;
    }

    private record Dumped(long id, String name, String state, boolean daemon, int frameCount, List<FrameInfo> frames) {
    }

    private record Wait(Dumped thread, String kind, String lockClass, String key, long lockId, String detail,
                        long owner, MapBin map, String note) {
    }

    public Result threads(ThreadService.Query query) {
        int depth = query.group() ? 0 : 1;
        Map<String, String> args = Map.of("depth", Integer.toString(depth));
        List<Dumped> all;
        long pause;
        try {
            DataInputStream in = agent.call("threads", args);
            pause = in.readLong() / 1_000_000;
            all = threads(in);
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
        List<StackGroup> groups = StackGroups.group(matched, ThreadService.GROUP_NAMES, query.depth());
        boolean cut = query.top() > 0 && groups.size() > query.top();
        return new StackProfile(all.size(), matched.size(), cut ? groups.subList(0, query.top()) : groups, cut, pause);
    }

    public BlockedReport blocked() {
        return blocked(BlockedService.Options.DEFAULT);
    }

    /**
     * threads --blocked: waiters per lock as the JDWP path reports them. Idle waits (see {@link IdleWaits}) are
     * left out unless allWaits; state and name select waiters (owners are always shown).
     */
    public BlockedReport blocked(BlockedService.Options options) {
        Dump d = dump(WAITER_FRAMES);
        Map<String, List<Wait>> byLock = new LinkedHashMap<>();
        for (Wait w : d.waits()) {
            byLock.computeIfAbsent(w.kind() + ":" + w.key(), k -> new ArrayList<>()).add(w); // a TreeBin: monitor and park
        }
        List<BlockedCluster> clusters = new ArrayList<>();
        for (List<Wait> all : byLock.values()) {
            List<Wait> ws = selected(all, options);
            if (ws.isEmpty()) {
                continue;
            }
            ws.sort(Comparator.comparing(w -> w.thread().name()));
            Wait first = ws.get(0);
            String detail = first.detail();
            if (first.note() != null) {
                detail = detail == null ? first.note() : detail + "; " + first.note();
            }
            LockRef lock = new LockRef(first.kind(), first.lockClass(), first.lockId(), detail);
            List<Waiter> waiters = ws.stream().map(w -> new Waiter(w.thread().name(), w.thread().id(), w.thread().state(),
                    waitingFrame(w.thread()))).toList();
            clusters.add(new BlockedCluster(lock, summary(d.byId().get(first.owner())), waiters, first.map(), null,
                    List.of()));
        }
        clusters.sort(Comparator.comparingInt((BlockedCluster c) -> -c.waiters().size())
                .thenComparingLong(c -> c.lock().id()));
        return new BlockedReport(d.all().size(), List.copyOf(clusters), deadlocks(d.waits(), d.byId()), d.pause(), false);
    }

    /** threads --blocked --group: the selected waiters' stacks grouped, largest group first. */
    public StackProfile grouped(BlockedService.Options options, int top, int depth) {
        Dump d = dump(Math.max(WAITER_FRAMES, depth <= 0 ? 64 : depth));
        Map<String, List<Wait>> byLock = new LinkedHashMap<>();
        for (Wait w : d.waits()) {
            byLock.computeIfAbsent(w.kind() + ":" + w.key(), k -> new ArrayList<>()).add(w); // a TreeBin: monitor and park
        }
        List<ThreadInfo> infos = new ArrayList<>();
        for (List<Wait> all : byLock.values()) {
            selected(all, options).forEach(w -> infos.add(new ThreadInfo(w.thread().id(), -1, w.thread().name(),
                    w.thread().state(), null, w.thread().daemon(), null, w.thread().frames()))); // stacks cut at depth
        }
        List<StackGroup> groups = StackGroups.group(infos, ThreadService.GROUP_NAMES, depth);
        boolean cut = top > 0 && groups.size() > top;
        return new StackProfile(d.all().size(), infos.size(), cut ? groups.subList(0, top) : groups, cut, d.pause());
    }

    /** The waiters of one lock that options select: none when the lock's waiters idle for work (unless allWaits). */
    private static List<Wait> selected(List<Wait> waits, BlockedService.Options options) {
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
        List<String> classes = t.frames().stream().map(FrameInfo::className).toList();
        List<String> methods = t.frames().stream().map(FrameInfo::method).toList();
        return !classes.isEmpty() && IdleWaits.idle(classes, methods);
    }

    private record Dump(List<Dumped> all, Map<Long, Dumped> byId, List<Wait> waits, long pause) {
    }

    /** A dump asked for ahead (see {@link #prefetch}), per connection: taken by the first blocked report. */
    private static final Map<AgentClient, java.util.concurrent.CompletableFuture<Dump>> PREFETCHED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Asks the agent for the blocked report's dump now, on a daemon thread, so that the target takes it while this
     * JVM parses the command line (a one-shot threads --blocked). The next {@link #blocked} on this connection uses it.
     */
    /** System.nanoTime() when the last prefetched dump arrived (for -Dmapdbg.timing). */
    public static volatile long prefetchedAt;

    public static void prefetch(AgentClient agent) {
        var future = new java.util.concurrent.CompletableFuture<Dump>();
        PREFETCHED.put(agent, future);
        Thread t = new Thread(() -> {
            try {
                Dump d = new AgentThreadsService(agent).read(WAITER_FRAMES);
                prefetchedAt = System.nanoTime();
                future.complete(d);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "mapdbg-agent-prefetch");
        t.setDaemon(true);
        t.start();
    }

    private Dump dump(int depth) {
        var ahead = depth == WAITER_FRAMES ? PREFETCHED.remove(agent) : null;
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return read(depth);
    }

    /** One request: every thread (frames only for waiters and owners) and every wait. */
    private Dump read(int depth) {
        try {
            DataInputStream in = agent.call("threads", Map.of("depth", Integer.toString(depth), "blocked", "true",
                    "relevantFrames", "true"));
            long pause = in.readLong() / 1_000_000;
            List<Dumped> all = threads(in);
            Map<Long, Dumped> byId = new HashMap<>();
            all.forEach(t -> byId.put(t.id(), t));
            List<Wait> waits = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                Dumped thread = byId.get(in.readLong());
                String kind = in.readUTF();
                String lockClass = in.readUTF();
                String key = in.readUTF();
                long lockId = in.readLong();
                String detail = nullable(in);
                long owner = in.readLong();
                MapBin map = null;
                String note = null;
                if (in.readBoolean()) {
                    map = new MapBin(in.readLong(), in.readUTF(), nullable(in), in.readInt());
                    note = nullable(in);
                }
                if (thread != null) {
                    waits.add(new Wait(thread, kind, lockClass, key, lockId, detail, owner, map, note));
                }
            }
            return new Dump(all, byId, waits, pause);
        } catch (IOException e) {
            throw new TargetException("the agent's thread dump could not be read: " + e, e);
        }
    }

    private static List<Deadlock> deadlocks(List<Wait> waits, Map<Long, Dumped> byId) {
        Map<Long, Long> edges = new HashMap<>();
        Map<Long, Wait> byThread = new HashMap<>();
        for (Wait w : waits) {
            if (byId.containsKey(w.owner())) {
                edges.put(w.thread().id(), w.owner());
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
        List<String> frames = t.frames().stream().limit(BlockedService.OWNER_FRAMES).map(FrameInfo::where).toList();
        return new ThreadSummary(t.name(), t.id(), t.state(), frames);
    }

    private static String waitingFrame(Dumped t) {
        int at = WaitingFrame.pick(t.frames().stream().map(FrameInfo::className).toList());
        return at < 0 ? null : t.frames().get(at).where();
    }

    private static ThreadInfo info(Dumped t) {
        return new ThreadInfo(t.id(), -1, t.name(), t.state(), null, t.daemon(), t.frameCount(), t.frames());
    }

    private static List<Dumped> threads(DataInputStream in) throws IOException {
        List<Dumped> all = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            long id = in.readLong();
            String name = in.readUTF();
            String state = in.readUTF();
            boolean daemon = in.readBoolean();
            int frameCount = in.readInt();
            List<FrameInfo> frames = new ArrayList<>();
            for (int i = 0, shown = in.readInt(); i < shown; i++) {
                String cls = in.readUTF();
                String method = in.readUTF();
                String file = in.readBoolean() ? in.readUTF() : null;
                int line = in.readInt();
                boolean nativeMethod = in.readBoolean();
                frames.add(FrameInfo.location(i, cls, method, file, line >= 0 ? line : null, nativeMethod));
            }
            all.add(new Dumped(id, name, state, daemon, frameCount, List.copyOf(frames)));
        }
        return all;
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
