package io.mapdbg.locks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cycles in the wait-for graph. Each thread waits for at most one lock and each lock has at most one owner, so
 * every thread has at most one outgoing edge (thread -> the owner of the lock it waits for): following edges
 * from each thread either ends or runs into a cycle, found once.
 */
public final class Deadlocks {
    private Deadlocks() {
    }

    /**
     * waitsForOwner maps a thread id to the id of the thread that owns the lock it waits for. Returns each cycle
     * once, as thread ids in wait order, starting at the smallest id.
     */
    public static List<List<Long>> cycles(Map<Long, Long> waitsForOwner) {
        List<List<Long>> out = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        List<Long> starts = new ArrayList<>(waitsForOwner.keySet());
        java.util.Collections.sort(starts);
        for (Long start : starts) {
            Map<Long, Integer> onPath = new LinkedHashMap<>();
            Long t = start;
            while (t != null && !done.contains(t) && !onPath.containsKey(t)) {
                onPath.put(t, onPath.size());
                t = waitsForOwner.get(t);
            }
            if (t != null && onPath.containsKey(t)) {
                List<Long> path = new ArrayList<>(onPath.keySet());
                List<Long> cycle = path.subList(onPath.get(t), path.size());
                out.add(rotateToSmallest(cycle));
            }
            done.addAll(onPath.keySet());
        }
        return out;
    }

    private static List<Long> rotateToSmallest(List<Long> cycle) {
        int at = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i) < cycle.get(at)) {
                at = i;
            }
        }
        List<Long> out = new ArrayList<>(cycle.size());
        for (int i = 0; i < cycle.size(); i++) {
            out.add(cycle.get((at + i) % cycle.size()));
        }
        return out;
    }

    /** Convenience for tests and callers with edges as pairs. */
    static Map<Long, Long> edges(long... pairs) {
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
