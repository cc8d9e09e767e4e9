package io.mapdbg.examples.bench;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark target for {@code scripts/bench/buckets.sh}: three HashMaps of 10k, 100k and 1M entries
 * (keys {@code "key-0"}, {@code "key-1"}, ..., values the index), built with the default capacity and
 * load factor, as an application would. Prints {@code READY} once filled, then idles without CPU until
 * killed.
 *
 * <p>Run: {@code java -Xmx1g -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0
 * -cp examples/target/classes io.mapdbg.examples.bench.BigMaps [10k,100k,1m]} — the optional argument
 * picks which maps to fill (default all three); the others stay empty.
 */
public final class BigMaps {
    public static final HashMap<String, Integer> MAP_10K = new HashMap<>();
    public static final HashMap<String, Integer> MAP_100K = new HashMap<>();
    public static final HashMap<String, Integer> MAP_1M = new HashMap<>();

    private static final Object IDLE = new Object();

    private BigMaps() {
    }

    public static void main(String[] args) throws InterruptedException {
        Set<String> sizes = new LinkedHashSet<>();
        for (String s : (args.length > 0 ? args[0] : "10k,100k,1m").split(",")) {
            if (!s.isBlank()) {
                sizes.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (String s : sizes) {
            switch (s) {
                case "10k" -> fill(MAP_10K, 10_000);
                case "100k" -> fill(MAP_100K, 100_000);
                case "1m" -> fill(MAP_1M, 1_000_000);
                default -> {
                    System.err.println("BigMaps: unknown size " + s + " (use 10k, 100k, 1m)");
                    System.exit(2);
                }
            }
        }
        System.out.println("READY");
        System.out.flush();
        synchronized (IDLE) {
            while (true) {
                IDLE.wait(); // non-daemon main thread parked: the JVM stays up, spends no CPU
            }
        }
    }

    private static void fill(HashMap<String, Integer> map, int n) {
        for (int i = 0; i < n; i++) {
            map.put("key-" + i, i);
        }
    }
}
