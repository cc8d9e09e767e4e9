package io.mapdbg.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;

/**
 * Benchmark target for {@code scripts/bench/trace.sh} (and the trace tests): one hot map written as fast as one
 * thread can, and other maps of the same class written by other threads, each thread counting its own puts.
 * <ul>
 * <li>{@code hot-writer} puts into {@link #HOT} (a {@code HashMap<Integer,Integer>} of 1,024 keys, values
 * replaced; with {@code --strings} its keys are Strings, the generic type notwithstanding) in a tight loop.</li>
 * <li>{@code other-writer-1} .. {@code -N} each put into their own map, {@code OTHERS[i-1]}, the same way: what
 * "other maps' throughput" means. They are HashMaps too, so they run the very method a trace on HOT breaks in.</li>
 * </ul>
 * Prints {@code READY} when the writers run, then every interval (default 1 s) one line
 * {@code rate t=<epoch millis> hot=<puts/s> other=<puts/s of all other writers together> hotcpu=<puts per second
 * of the hot writer's CPU time> othercpu=<the same for the other writers together>}: on a machine shared with other
 * work a writer that is not scheduled does no puts, and the per-CPU-second figures are not moved by that.
 *
 * <p>Run: {@code java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0
 * -cp examples/target/classes io.mapdbg.examples.bench.PutLoad [--others N] [--every-ms M] [--keys K] [--mix]
 * [--strings]} (defaults 2, 1000 and 1024; {@code --others 0} leaves the hot writer alone; K is rounded up to a power
 * of two: 1,024 keys stay in the CPU's caches, the worst case for any per-put cost, a million keys make each put miss
 * them as large maps do; {@code --mix}: see {@link #mix}; {@code --strings}: string keys, see {@link #names}).
 */
public final class PutLoad {
    public static final HashMap<Integer, Integer> HOT = new HashMap<>();
    public static volatile HashMap<Integer, Integer>[] OTHERS;
    /** Never written: tracing it through the agent's hooks measures what the identity check alone costs others. */
    public static final HashMap<Integer, Integer> QUIET = new HashMap<>();

    private static final int BATCH = 256;
    private static final int STRIDE = 16; // counters a cache line apart: writers do not share one
    private static int keys = 1024;
    private static Integer[] boxes;
    /**
     * With {@code --strings}: the keys the maps hold. Each writer puts copies of them, equal and not the same
     * objects, as a service's keys parsed from requests are: every put runs String.equals.
     */
    private static String[] names;

    private PutLoad() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws InterruptedException {
        int others = 2;
        long everyMillis = 1000;
        boolean mix = false;
        boolean strings = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--others" -> others = Integer.parseInt(args[++i]);
                case "--every-ms" -> everyMillis = Long.parseLong(args[++i]);
                case "--keys" -> keys = Integer.highestOneBit(Math.max(2, Integer.parseInt(args[++i])) * 2 - 1);
                case "--mix" -> mix = true;
                case "--strings" -> strings = true;
                default -> {
                    System.err.println("PutLoad: unknown argument " + args[i]
                            + " (--others N, --every-ms M, --keys K, --mix, --strings)");
                    System.exit(2);
                }
            }
        }
        boxes = new Integer[keys];
        for (int i = 0; i < keys; i++) {
            boxes[i] = i; // boxed once: a put allocates nothing
        }
        if (strings) {
            names = new String[keys];
            for (int i = 0; i < keys; i++) {
                names[i] = "order-" + (100_000_000 + i);
            }
        }
        AtomicLongArray counts = new AtomicLongArray((others + 1) * STRIDE);
        HashMap<Integer, Integer>[] maps = new HashMap[others];
        for (int i = 0; i < others; i++) {
            maps[i] = new HashMap<>();
        }
        OTHERS = maps;
        Thread[] writers = new Thread[others + 1];
        writers[0] = start("hot-writer", () -> write(HOT, counts, 0));
        for (int i = 0; i < others; i++) {
            int slot = i + 1;
            HashMap<Integer, Integer> map = maps[i];
            writers[slot] = start("other-writer-" + slot, () -> write(map, counts, slot * STRIDE));
        }
        if (mix) {
            start("mix-writer", PutLoad::mix);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] lastCpu = new long[others + 1];
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
            long hotCpu = 0;
            long otherCpu = 0;
            for (int w = 0; w <= others; w++) {
                long c = counts.get(w * STRIDE);
                long cpu = mx.getThreadCpuTime(writers[w].getId());
                long delta = c - last[w];
                long cpuDelta = cpu - lastCpu[w];
                last[w] = c;
                lastCpu[w] = cpu;
                if (w == 0) {
                    hot = delta;
                    hotCpu = cpuDelta;
                } else {
                    other += delta;
                    otherCpu += cpuDelta;
                }
            }
            System.out.println("rate t=" + System.currentTimeMillis() + " hot=" + Math.round(hot / secs)
                    + " other=" + Math.round(other / secs) + " hotcpu=" + perCpuSecond(hot, hotCpu)
                    + " othercpu=" + perCpuSecond(other, otherCpu));
            System.out.flush();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void write(HashMap<Integer, Integer> map, AtomicLongArray counts, int slot) {
        IntConsumer batch = from -> putBatch(map, from);
        if (names != null) {
            HashMap<String, Integer> byName = (HashMap) map;
            String[] own = new String[names.length];
            for (int i = 0; i < own.length; i++) {
                byName.put(names[i], boxes[0]); // the map's keys are these objects ...
                own[i] = new String(names[i]); // ... and the writer's equal copies: each put's equals compares chars
            }
            batch = from -> putNamedBatch(byName, own, from);
        }
        long n = 0;
        for (int from = 0; ; from += BATCH) {
            batch.accept(from);
            n += BATCH;
            counts.lazySet(slot, n); // the writer's own slot: no contention, no fence on x86
        }
    }

    /**
     * One batch of puts (keys from, from + 1, ... modulo the key count; each value the key of put number i / 1024),
     * a method called again and again as a service's handlers are: the JIT compiles it as a whole method, not only
     * as an on-stack replacement of an endless loop, so code made while the map classes were being retransformed
     * is replaced when they change again.
     */
    private static void putBatch(HashMap<Integer, Integer> map, int from) {
        Integer[] b = boxes;
        int mask = keys - 1;
        for (int i = from, end = from + BATCH; i != end; i++) {
            map.put(b[i & mask], b[(i >>> 10) & mask]);
        }
    }

    /**
     * {@code --mix}: what the rest of a service does with HashMaps, at a low rate (a burst every millisecond, ~1% of
     * a core): puts, gets and removes with keys of several classes into a map of this thread's own. A JVM's
     * HashMap code is shared by all its callers, and what the JIT makes of {@code put} depends on all of them (the
     * key classes seen at {@code hashCode} and {@code equals}); after a retransformation of the map classes their
     * profiles start empty, and a loop that is then the only writer gets code no service would run.
     */
    private static void mix() {
        HashMap<Object, Object> scratch = new HashMap<>();
        Object[] mixed = new Object[64];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = switch (i % 4) {
                case 0 -> "key-" + i;
                case 1 -> (long) i;
                case 2 -> i;
                default -> java.util.List.of(i);
            };
        }
        for (int round = 0; ; round++) {
            for (int i = 0; i < mixed.length; i++) {
                scratch.put(mixed[(i + round) & 63], mixed[i]);
                scratch.get(mixed[(i * 7 + round) & 63]);
            }
            scratch.remove(mixed[round & 63]);
            if ((round & 1023) == 0) {
                scratch.clear();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** {@link #putBatch} with string keys ({@code --strings}): a put runs String.equals on a key of 15 chars. */
    private static void putNamedBatch(HashMap<String, Integer> map, String[] own, int from) {
        Integer[] b = boxes;
        int mask = keys - 1;
        for (int i = from, end = from + BATCH; i != end; i++) {
            map.put(own[i & mask], b[(i >>> 10) & mask]);
        }
    }

    private static long perCpuSecond(long puts, long cpuNanos) {
        return cpuNanos <= 0 ? 0 : Math.round(puts / (cpuNanos / 1e9));
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
