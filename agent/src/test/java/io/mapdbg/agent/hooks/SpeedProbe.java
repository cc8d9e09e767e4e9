package io.mapdbg.agent.hooks;

import java.util.HashMap;

/** By hand: puts/s into an unwatched map with nothing hooked, one other map traced, and races --all. */
public final class SpeedProbe {
    private static final Integer[] BOXES = new Integer[1024];

    private SpeedProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < BOXES.length; i++) {
            BOXES[i] = i;
        }
        Hooks hooks = Hooks.install(TestAgent.inst);
        HashMap<Integer, Integer> other = new HashMap<>();
        HashMap<Integer, Integer> watched = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            System.out.printf("plain     %,d puts/s%n", rate(other));
            hooks.watch(watched, 1, Hooks.TRACE);
            System.out.printf("traced    %,d puts/s (other map)%n", rate(other));
            long t = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t < 1_000_000_000L) {
                watched.put(BOXES[n & 1023], BOXES[n & 1023]);
                n++;
                if ((n & 4095) == 0) {
                    hooks.drain(100_000);
                }
            }
            System.out.printf("watched   %,d puts/s (the traced map, drained in-process) %s%n", n, hooks.stats());
            hooks.clear();
            hooks.racesAll(true);
            System.out.printf("racesAll  %,d puts/s%n", rate(other));
            hooks.clear();
        }
    }

    private static long rate(HashMap<Integer, Integer> map) {
        long end = System.nanoTime() + 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1024; i++) {
                map.put(BOXES[i], BOXES[i]);
            }
            n += 1024;
        }
        return n;
    }
}
