package io.mapdbg.examples.bench;

import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark target for {@code scripts/bench/trace.sh} (and the trace tests): one hot map written as fast as one
 * thread can, and other maps of the same class written by other threads, each thread counting its own puts.
 * <ul>
 * <li>{@code hot-writer} puts into {@link #HOT} (a {@code HashMap<Integer,Integer>} of 1,024 keys, values
 * replaced) in a tight loop.</li>
 * <li>{@code other-writer-1} .. {@code -N} each put into their own map, {@code OTHERS[i-1]}, the same way: what
 * "other maps' throughput" means. They are HashMaps too, so they run the very method a trace on HOT breaks in.</li>
 * </ul>
 * Prints {@code READY} when the writers run, then every interval (default 1 s) one line
 * {@code rate t=<epoch millis> hot=<puts/s> other=<puts/s of all other writers together>}.
 *
 * <p>Run: {@code java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0
 * -cp examples/target/classes io.mapdbg.examples.bench.PutLoad [--others N] [--every-ms M]} (defaults 2 and 1000;
 * {@code --others 0} leaves the hot writer alone).
 */
public final class PutLoad {
    public static final HashMap<Integer, Integer> HOT = new HashMap<>();
    public static volatile HashMap<Integer, Integer>[] OTHERS;
    /** Never written: tracing it through the agent's hooks measures what the identity check alone costs others. */
    public static final HashMap<Integer, Integer> QUIET = new HashMap<>();

    private static final int KEYS = 1024;
    private static final int STRIDE = 16; // counters a cache line apart: writers do not share one
    private static final Integer[] BOXES = new Integer[KEYS];

    private PutLoad() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws InterruptedException {
        int others = 2;
        long everyMillis = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--others" -> others = Integer.parseInt(args[++i]);
                case "--every-ms" -> everyMillis = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("PutLoad: unknown argument " + args[i] + " (--others N, --every-ms M)");
                    System.exit(2);
                }
            }
        }
        for (int i = 0; i < KEYS; i++) {
            BOXES[i] = i; // boxed once: a put allocates nothing
        }
        AtomicLongArray counts = new AtomicLongArray((others + 1) * STRIDE);
        HashMap<Integer, Integer>[] maps = new HashMap[others];
        for (int i = 0; i < others; i++) {
            maps[i] = new HashMap<>();
        }
        OTHERS = maps;
        start("hot-writer", () -> write(HOT, counts, 0));
        for (int i = 0; i < others; i++) {
            int slot = i + 1;
            HashMap<Integer, Integer> map = maps[i];
            start("other-writer-" + slot, () -> write(map, counts, slot * STRIDE));
        }
        System.out.println("READY");
        System.out.flush();
        long[] last = new long[others + 1];
        long then = System.nanoTime();
        while (true) {
            TimeUnit.MILLISECONDS.sleep(everyMillis);
            long now = System.nanoTime();
            double secs = (now - then) / 1e9;
            then = now;
            long hot = 0;
            long other = 0;
            for (int w = 0; w <= others; w++) {
                long c = counts.get(w * STRIDE);
                long delta = c - last[w];
                last[w] = c;
                if (w == 0) {
                    hot = delta;
                } else {
                    other += delta;
                }
            }
            System.out.println("rate t=" + System.currentTimeMillis() + " hot=" + Math.round(hot / secs)
                    + " other=" + Math.round(other / secs));
            System.out.flush();
        }
    }

    private static void write(HashMap<Integer, Integer> map, AtomicLongArray counts, int slot) {
        long n = 0;
        for (int i = 0; ; i++) {
            map.put(BOXES[i & (KEYS - 1)], BOXES[(i >>> 10) & (KEYS - 1)]);
            counts.lazySet(slot, ++n); // the writer's own slot: no contention, no fence on x86
        }
    }

    private static void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
