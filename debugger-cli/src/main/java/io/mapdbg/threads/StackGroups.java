package io.mapdbg.threads;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.ThreadInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups threads whose stacks are identical frame by frame (class, method, file, line), as a goroutine profile
 * does, so that a thousand idle workers read as one line with a count. Pure: works on read results.
 */
public final class StackGroups {
    private StackGroups() {
    }

    /**
     * Groups of the given threads (each with its full stack in frames), largest first, ties by lowest thread id.
     * Each group names at most maxNames threads (lowest ids first) and shows at most depth frames (all if &lt;= 0).
     */
    public static List<StackGroup> group(List<ThreadInfo> threads, int maxNames, int depth) {
        Map<List<String>, List<ThreadInfo>> byStack = new LinkedHashMap<>();
        for (ThreadInfo t : threads) {
            List<String> key = t.frames().stream().map(FrameInfo::where).toList();
            byStack.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<List<ThreadInfo>> members = new ArrayList<>(byStack.values());
        members.forEach(m -> m.sort(Comparator.comparingLong(ThreadInfo::id)));
        members.sort(Comparator.<List<ThreadInfo>>comparingInt(List::size).reversed()
                .thenComparingLong(m -> m.get(0).id()));
        List<StackGroup> out = new ArrayList<>(members.size());
        for (List<ThreadInfo> m : members) {
            Map<String, Integer> states = new TreeMap<>();
            m.forEach(t -> states.merge(t.state(), 1, Integer::sum));
            List<ThreadInfo> named = m.subList(0, Math.min(m.size(), Math.max(0, maxNames)));
            List<FrameInfo> stack = m.get(0).frames();
            List<FrameInfo> shown = depth <= 0 ? stack : stack.subList(0, Math.min(depth, stack.size()));
            out.add(new StackGroup(m.size(), states, named.stream().map(ThreadInfo::name).toList(),
                    named.stream().map(ThreadInfo::id).toList(), named.size() < m.size(), stack.size(),
                    List.copyOf(shown)));
        }
        return out;
    }
}
