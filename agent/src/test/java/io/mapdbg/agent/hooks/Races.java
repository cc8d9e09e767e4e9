package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.Overlap;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The races scenario of {@link HookProbe}: true overlaps are found, serialised or confined writes are not. */
final class Races {
    private static final Integer[] BOXES = new Integer[512];

    private Races() {
    }

    static void run(Hooks hooks) throws Exception {
        for (int i = 0; i < BOXES.length; i++) {
            BOXES[i] = i;
        }
        Map<Integer, Integer> raced = new HashMap<>();
        Map<Integer, Integer> locked = new HashMap<>();
        Map<Integer, Integer> confined = new HashMap<>();
        Map<Integer, Integer> concurrent = new ConcurrentHashMap<>();
        TreeMap<Integer, Integer> thrown = new TreeMap<>();
        hooks.watch(raced, 31, Hooks.RACES);
        hooks.watch(locked, 32, Hooks.RACES);
        hooks.watch(confined, 33, Hooks.RACES);
        hooks.watch(concurrent, 34, Hooks.RACES);
        hooks.watch(thrown, 35, Hooks.RACES);

        // a put that throws leaves through the handler: its marker must be gone before another thread writes
        Thread t = new Thread(() -> {
            thrown.put(1, 1);
            try {
                thrown.put(null, 1);
            } catch (NullPointerException expected) {
                // TreeMap's own
            }
        }, "thrower");
        t.start();
        t.join();
        writers(2, "locked", () -> { synchronized (locked) { spin(locked); } }, 100_000);
        writers(1, "confined", () -> spin(confined), 200_000);
        writers(2, "chm", () -> spin(concurrent), 100_000);
        writers(1, "tree", () -> spin(thrown), 100_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Overlap found = null;
        while (found == null && System.nanoTime() < deadline) {
            writers(2, "racer", () -> spin(raced), 100_000);
            found = find(hooks, raced);
        }
        HookProbe.result("racedFound", found != null);
        if (found != null) {
            HookProbe.result("racedId", found.mapId);
            HookProbe.result("racedThreads", found.threads[0].startsWith("racer") && found.threads[1]
                    .startsWith("racer") && !found.threads[0].equals(found.threads[1]));
            HookProbe.result("racedStackInMap", found.stacks[0].length > 0
                    && java.util.Arrays.toString(found.stacks[0]).contains("java.util.HashMap."));
            HookProbe.result("racedKeys", found.keys[0] + "|" + found.keys[1]);
            HookProbe.result("racedKeysNumeric", String.valueOf(found.keys[0]).matches("\\d+")
                    // the thread inside may be in a nested keyless step (a resize under its put): its key is null then
                    && (found.keys[1] == null || String.valueOf(found.keys[1]).matches("\\d+")));
        }
        // under races HashMap's hooks sit in put, putIfAbsent and putAll (not putVal): races made only of the
        // other two are seen as well
        Map<Integer, Integer> absent = new HashMap<>();
        Map<Integer, Integer> bulk = new HashMap<>();
        hooks.watch(absent, 36, Hooks.RACES);
        hooks.watch(bulk, 37, Hooks.RACES);
        Map<Integer, Integer> batch = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            batch.put(BOXES[i], BOXES[i]);
        }
        Overlap absentFound = null;
        Overlap bulkFound = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((absentFound == null || bulkFound == null) && System.nanoTime() < deadline) {
            writers(2, "absent", () -> absent.putIfAbsent(BOXES[java.util.concurrent.ThreadLocalRandom.current()
                    .nextInt(512)], 1), 100_000);
            writers(2, "putall", () -> bulk.putAll(batch), 20_000);
            absentFound = find(hooks, absent);
            bulkFound = find(hooks, bulk);
        }
        HookProbe.result("absentFound", absentFound != null && absentFound.mapId == 36
                && String.valueOf(absentFound.keys[0]).matches("\\d+"));
        HookProbe.result("putAllFound", bulkFound != null && bulkFound.mapId == 37);
        HookProbe.result("lockedFound", find(hooks, locked) != null);
        HookProbe.result("confinedFound", find(hooks, confined) != null);
        HookProbe.result("chmFound", find(hooks, concurrent) != null);
        HookProbe.result("thrownFound", find(hooks, thrown) != null);

        // a race of TreeMap iterator removes only (deleteEntry, called by the iterators directly); a fresh tree each
        // round, and the racers are left behind if they hang: a raced TreeMap can have a cycle its iterators loop in
        Overlap iteratorFound = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (iteratorFound == null && System.nanoTime() < deadline) {
            TreeMap<Integer, Integer> iterated = new TreeMap<>();
            for (int i = 0; i < BOXES.length; i++) {
                iterated.put(BOXES[i], BOXES[i]); // one thread, before the watch: no race
            }
            hooks.watch(iterated, 38, Hooks.RACES);
            Thread[] removers = new Thread[2];
            for (int k = 0; k < 2; k++) {
                boolean up = k == 0;
                removers[k] = new Thread(() -> removeByIterator(up ? iterated : iterated.descendingMap()), "iterator-" + k);
                removers[k].setDaemon(true);
                removers[k].start();
            }
            for (Thread r : removers) {
                r.join(2_000);
            }
            iteratorFound = find(hooks, iterated);
            hooks.unwatch(iterated);
        }
        HookProbe.result("iteratorRemoveFound", iteratorFound != null && iteratorFound.mapId == 38
                && java.util.Arrays.toString(iteratorFound.stacks[0]).contains("TreeMap.deleteEntry"));

        // races --all: an unwatched HashMap, raced, is found with id -1; a locked one is not
        hooks.clear();
        hooks.resetOverlaps();
        hooks.racesAll(true);
        Map<Integer, Integer> anon = new HashMap<>();
        Map<Integer, Integer> anonLocked = new HashMap<>();
        writers(2, "alocked", () -> { synchronized (anonLocked) { spin(anonLocked); } }, 100_000);
        Overlap all = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (all == null && System.nanoTime() < deadline) {
            writers(2, "aracer", () -> spin(anon), 100_000);
            all = find(hooks, anon);
        }
        HookProbe.result("allFound", all != null && all.mapId == -1);
        HookProbe.result("allLockedFound", find(hooks, anonLocked) != null);
        hooks.clear();
        HookProbe.result("faults", hooks.stats().faults);
    }

    /** Removes the entries of tree (or a view of it) through its iterator, a bounded number of times. */
    private static void removeByIterator(Map<Integer, Integer> tree) {
        java.util.Iterator<Map.Entry<Integer, Integer>> it = tree.entrySet().iterator();
        try {
            for (int n = 0; n < 2 * BOXES.length && it.hasNext(); n++) {
                it.next();
                it.remove();
            }
        } catch (RuntimeException corruptedOrConcurrent) {
            // what a raced TreeMap does to its iterators
        }
    }

    private static void spin(Map<Integer, Integer> map) {
        int i = java.util.concurrent.ThreadLocalRandom.current().nextInt(512);
        map.put(BOXES[i], BOXES[(i + 1) & 511]);
        map.remove(BOXES[(i + 256) & 511]);
    }

    /** n threads named name-k, each calling body rounds times, started together; returns when all are done. */
    private static void writers(int n, String name, Runnable body, int rounds) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int k = 0; k < n; k++) {
            threads[k] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int r = 0; r < rounds; r++) {
                    body.run();
                }
            }, name + "-" + k);
            threads[k].start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    private static Overlap find(Hooks hooks, Object map) {
        for (Overlap o : hooks.overlaps()) {
            if (o.map() == map) {
                return o;
            }
        }
        return null;
    }
}
