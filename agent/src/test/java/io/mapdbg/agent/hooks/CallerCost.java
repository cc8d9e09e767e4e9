package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.Callers;
import io.mapdbg.agent.boot.MapHook;
import io.mapdbg.probe.PutLoop;

import java.util.HashMap;

/**
 * What looking for a traced write's caller costs the writer ({@link HookProbe} scenario "callers"): batches of puts
 * into a traced HashMap (each batch fits the ring, which is drained between batches, so every put queues its event),
 * timed with the caller looked for and without, and 200 frames deeper (the walk stops at the first frame outside
 * java.util and the agent, so depth should not matter). Prints ns per traced put and the first caller seen.
 */
final class CallerCost {
    private static final int BATCH = 16_384;
    private static final int BATCHES = 24;

    private CallerCost() {
    }

    static void run(Hooks hooks) throws Exception {
        HashMap<Integer, Integer> map = new HashMap<>(1 << 12);
        hooks.watch(map, 41, Hooks.TRACE);
        String[] first = new String[1];
        long[] withCaller = {0};
        for (int round = 0; round < 3; round++) { // the last round counts: the JIT has settled
            long off = measure(hooks, map, false, 0, first, withCaller);
            long on = measure(hooks, map, true, 0, first, withCaller);
            long deep = measure(hooks, map, true, 200, first, withCaller);
            if (round == 2) {
                HookProbe.result("callers.offNs", off);
                HookProbe.result("callers.onNs", on);
                HookProbe.result("callers.deepNs", deep);
            }
        }
        HookProbe.result("callers.first", first[0]);
        HookProbe.result("callers.how", Callers.how());
        HookProbe.result("callers.withCaller", withCaller[0] > 0);
        HookProbe.result("callers.dropped", hooks.stats().eventsDropped);
        hooks.clear();
    }

    /** ns per traced put. */
    private static long measure(Hooks hooks, HashMap<Integer, Integer> map, boolean callers, int deeper,
            String[] first, long[] withCaller) {
        MapHook.callers(callers);
        long total = 0;
        for (int b = 0; b < BATCHES; b++) {
            total += PutLoop.deeper(deeper, map, BATCH);
            hooks.drain(1 << 16, w -> {
                if (w.caller != null) {
                    withCaller[0]++;
                    if (first[0] == null) {
                        first[0] = Callers.describe(w.caller);
                    }
                }
            });
        }
        return total / ((long) BATCHES * BATCH);
    }
}
