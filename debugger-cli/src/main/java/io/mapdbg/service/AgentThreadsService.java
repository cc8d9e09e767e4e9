package io.mapdbg.service;

import io.mapdbg.locks.Deadlocks;
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
 * values (a latch that is a map value) are not resolved through the agent.
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
        List<Dumped> all;
        List<Wait> waits = new ArrayList<>();
        long pause;
        try {
            DataInputStream in = agent.call("threads", Map.of("depth", Integer.toString(WAITER_FRAMES), "blocked", "true"));
            pause = in.readLong() / 1_000_000;
            all = threads(in);
            Map<Long, Dumped> byId = new HashMap<>();
            all.forEach(t -> byId.put(t.id(), t));
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
        } catch (IOException e) {
            throw new TargetException("the agent's thread dump could not be read: " + e, e);
        }
        Map<Long, Dumped> byId = new HashMap<>();
        all.forEach(t -> byId.put(t.id(), t));
        Map<String, List<Wait>> byLock = new LinkedHashMap<>();
        for (Wait w : waits) {
            byLock.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
        }
        List<BlockedCluster> clusters = new ArrayList<>();
        for (List<Wait> ws : byLock.values()) {
            ws.sort(Comparator.comparing(w -> w.thread().name()));
            Wait first = ws.get(0);
            String detail = first.detail();
            if (first.note() != null) {
                detail = detail == null ? first.note() : detail + "; " + first.note();
            }
            LockRef lock = new LockRef(first.kind(), first.lockClass(), first.lockId(), detail);
            List<Waiter> waiters = ws.stream().map(w -> new Waiter(w.thread().name(), w.thread().id(), w.thread().state(),
                    waitingFrame(w.thread()))).toList();
            clusters.add(new BlockedCluster(lock, summary(byId.get(first.owner())), waiters, first.map(), null, List.of()));
        }
        clusters.sort(Comparator.comparingInt((BlockedCluster c) -> -c.waiters().size())
                .thenComparingLong(c -> c.lock().id()));
        return new BlockedReport(all.size(), List.copyOf(clusters), deadlocks(waits, byId), pause, false);
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
