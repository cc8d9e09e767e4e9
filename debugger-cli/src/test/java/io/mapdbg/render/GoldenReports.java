package io.mapdbg.render;

import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Problem;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed blocked reports and race reports for the golden files, shaped as BlockedService and the race watches build them. */
final class GoldenReports {
    private GoldenReports() {
    }

    /**
     * threads --blocked: a deadlock of two threads (a monitor, a ReentrantLock) with the cluster of each lock, twelve
     * threads on a HashMap that is itself the monitor (ten listed), a synchronizedMap's separate mutex, a
     * ConcurrentHashMap bin head, a read-write lock held for reading only, and a latch that is a value of a map.
     */
    static BlockedReport blocked() {
        ThreadSummary transfer1 = new ThreadSummary("transfer-1", 41, "WAITING",
                List.of("jdk.internal.misc.Unsafe.park(Native Method)",
                        "java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
                        "com.acme.bank.Accounts.move(Accounts.java:47)"));
        ThreadSummary transfer2 = new ThreadSummary("transfer-2", 42, "BLOCKED",
                List.of("com.acme.bank.Accounts.move(Accounts.java:52)", "com.acme.bank.Transfers.run(Transfers.java:30)"));
        LockRef account = new LockRef("monitor", "com.acme.bank.Account", 7_001, null);
        LockRef ledger = new LockRef("synchronizer", "java.util.concurrent.locks.ReentrantLock$NonfairSync", 7_002,
                "ReentrantLock held 1x");
        Deadlock deadlock = new Deadlock(List.of(
                new Deadlock.Step(transfer1, ledger, "com.acme.bank.Accounts.move(Accounts.java:47)"),
                new Deadlock.Step(transfer2, account, "com.acme.bank.Accounts.move(Accounts.java:52)")));
        BlockedCluster onAccount = new BlockedCluster(account, transfer1,
                List.of(new Waiter("transfer-2", 42, "BLOCKED", "com.acme.bank.Accounts.move(Accounts.java:52)")),
                null, null, List.of());
        BlockedCluster onLedger = new BlockedCluster(ledger, transfer2,
                List.of(new Waiter("transfer-1", 41, "WAITING", "com.acme.bank.Accounts.move(Accounts.java:47)")),
                null, null, List.of());

        List<Waiter> registrants = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            registrants.add(new Waiter(String.format("http-%02d", i), 100 + i, "BLOCKED",
                    "com.acme.Registry.register(Registry.java:44)"));
        }
        BlockedCluster mapMonitor = new BlockedCluster(
                new LockRef("monitor", "java.util.HashMap", 501, "the map itself is the monitor (synchronized on it)"),
                new ThreadSummary("registry-sweeper", 60, "RUNNABLE", List.of(
                        "java.util.HashMap$HashIterator.nextNode(HashMap.java:1605)",
                        "com.acme.Registry.sweep(Registry.java:71)")),
                registrants, new MapBin(501, "java.util.HashMap", "com.acme.Registry.SESSIONS", -1), null, List.of());
        BlockedCluster mutex = new BlockedCluster(
                new LockRef("monitor", "java.lang.Object", 639, "synchronizedMap over java.util.HashMap"),
                new ThreadSummary("audit-flush", 70, "TIMED_WAITING", List.of(
                        "java.lang.Thread.sleep0(Native Method)", "com.acme.Audit.flush(Audit.java:90)")),
                List.of(new Waiter("audit-1", 71, "BLOCKED", "java.util.Collections$SynchronizedMap.put(Collections.java:2720)"),
                        new Waiter("audit-2", 72, "BLOCKED", "java.util.Collections$SynchronizedMap.get(Collections.java:2706)")),
                new MapBin(638, "java.util.Collections$SynchronizedMap", "com.acme.Audit.LOG", -1), null, List.of());
        BlockedCluster chmBin = new BlockedCluster(
                new LockRef("monitor", "java.util.concurrent.ConcurrentHashMap$Node", 9_100, null),
                new ThreadSummary("price-loader", 80, "RUNNABLE", List.of(
                        "com.acme.cache.PriceSource.fetch(PriceSource.java:33)",
                        "java.util.concurrent.ConcurrentHashMap.computeIfAbsent(ConcurrentHashMap.java:1708)")),
                List.of(new Waiter("pricer-1", 81, "BLOCKED",
                        "java.util.concurrent.ConcurrentHashMap.putVal(ConcurrentHashMap.java:1039)")),
                new MapBin(88, "java.util.concurrent.ConcurrentHashMap", "com.acme.cache.Prices.BY_SKU", 311), null,
                List.of());
        BlockedCluster readLocked = new BlockedCluster(
                new LockRef("synchronizer", "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync", 9_200,
                        "ReentrantReadWriteLock: not write-locked, 2 read holds; 1 read holder found (1 hold not traced"
                                + " to a thread)"),
                null,
                List.of(new Waiter("config-reload", 90, "WAITING", "com.acme.Config.reload(Config.java:20)")),
                null, null,
                List.of(new ThreadSummary("config-reader", 91, "TIMED_WAITING",
                        List.of("java.lang.Thread.sleep0(Native Method)", "com.acme.Config.read(Config.java:12)"))));
        BlockedCluster latch = new BlockedCluster(
                new LockRef("synchronizer", "java.util.concurrent.CountDownLatch$Sync", 9_300, "CountDownLatch count 1"),
                null,
                List.of(new Waiter("settle-order-17", 95, "WAITING", "com.acme.orders.Settle.await(Settle.java:25)")),
                null, new MapEntryRef(new MapRef(9_301, "java.util.concurrent.ConcurrentHashMap",
                "com.acme.orders.Settle.LATCHES"), "order-17"), List.of());
        List<BlockedCluster> clusters = new ArrayList<>(List.of(mapMonitor, mutex, chmBin, readLocked, latch, onAccount,
                onLedger));
        clusters.sort(BlockedReport.LARGEST_FIRST); // as BlockedService orders them
        return new BlockedReport(212, List.copyOf(clusters), List.of(deadlock), 7, false);
    }

    /** races: an overlap that damaged a HashMap, and unordered writes whose first writer's stack could not be had. */
    static RaceReport races() {
        MapRef audit = new MapRef(3, "java.util.HashMap", "com.acme.Audit.LOG");
        Map<String, List<String>> overlapStacks = new LinkedHashMap<>();
        overlapStacks.put("audit-1", List.of("java.util.HashMap.resize(HashMap.java:710)",
                "java.util.HashMap.putVal(HashMap.java:661)", "java.util.HashMap.put(HashMap.java:610)",
                "com.acme.Audit.record(Audit.java:31)"));
        overlapStacks.put("audit-2", List.of("java.util.HashMap.clear(HashMap.java:862)",
                "com.acme.Audit.rotate(Audit.java:55)"));
        Race.Damage damage = new Race.Damage(true, false, 264L, 266L, List.of(
                new Problem("size-mismatch", -1, "size field says 264 but the table holds 266 entries"),
                new Problem("cycle", 17, "chain of bin 17 returns to node @655 after 3 entries; walk stopped there")),
                null);
        Race overlap = new Race(audit, "overlap", List.of("audit-1", "audit-2", "audit-3"), 1_234, 2, overlapStacks,
                java.util.Arrays.asList("\"evt-17\"", null),
                List.of(new Race.RaceWrite("audit-1", "put", "\"evt-17\"", 31L), new Race.RaceWrite("audit-2", "clear", null, 32L)),
                126, null, damage);

        MapRef cache = new MapRef(7, "com.acme.cache.LruCache", "com.acme.Cache.M");
        Map<String, List<String>> writeStacks = new LinkedHashMap<>();
        writeStacks.put("w-1", List.of());
        writeStacks.put("w-2", List.of("java.util.HashMap.put(HashMap.java:610)", "com.acme.Cache.store(Cache.java:40)"));
        Race unordered = new Race(cache, "unordered-writes", List.of("w-1", "w-2"), 0, 3, writeStacks,
                List.of("1", "2"), List.of(new Race.RaceWrite("w-1", "put", "1"), new Race.RaceWrite("w-2", "remove", "2")),
                2_040, "w-1's stack inside the map could not be had (its write returned before the stack was read)",
                Race.Damage.notChecked("not a layout buckets decodes"));

        return new RaceReport(List.of(overlap, unordered),
                List.of(new RaceReport.WatchedMap(audit, 5_000, 3), new RaceReport.WatchedMap(cache, 411, 2),
                        new RaceReport.WatchedMap(new MapRef(4, "java.util.LinkedHashMap", null), 77, 1),
                        new RaceReport.WatchedMap(new MapRef(5, "java.util.HashMap", "com.acme.Static.IDLE"), -1, 0)),
                List.of(new RaceReport.SkippedMap(new MapRef(6, "java.util.concurrent.ConcurrentHashMap", "com.acme.C.M"),
                        "thread-safe map (ConcurrentHashMap): not watched")),
                10_000, "agent", List.of("the agent's hooks cost each write of a watched map ~40 ns"),
                new RaceReport.Coverage(5_488, 4, "10% duty"));
    }

    /** races with nothing seen: the summary says what was checked all the same. */
    static RaceReport noRace() {
        return new RaceReport(List.of(),
                List.of(new RaceReport.WatchedMap(new MapRef(4, "java.util.LinkedHashMap", "com.acme.Sessions.RECENT"),
                        12_004, 1)),
                List.of(), 6_012, "jdwp", List.of());
    }
}
