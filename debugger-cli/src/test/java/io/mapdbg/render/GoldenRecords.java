package io.mapdbg.render;

import io.mapdbg.model.BinLength;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import io.mapdbg.model.ChainEntry;
import io.mapdbg.model.ClassCount;
import io.mapdbg.model.ConcurrentState;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.Integrity;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.MapSummary;
import io.mapdbg.model.Problem;
import io.mapdbg.model.ResizeState;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.TreeBinLock;

import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Fixed result records for the golden files of buckets, maps and threads, shaped as the decoders and services build
 * them (numbers that add up: histogram bins sum to the capacity, entries to the lengths). Blocked reports and races
 * are in {@link GoldenReports}.
 */
final class GoldenRecords {
    private GoldenRecords() {
    }

    /** Bin length -> bins, in numeric order as LayoutTally writes it. */
    static SortedMap<String, Integer> histogram(int... lengthAndBins) {
        SortedMap<String, Integer> h = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        for (int i = 0; i < lengthAndBins.length; i += 2) {
            h.put(Integer.toString(lengthAndBins[i]), lengthAndBins[i + 1]);
        }
        return h;
    }

    /** A HashMap with a treeified bin of 14 colliding keys and a plain chain of 7: --chains 2, 3 entries shown each. */
    static BucketLayout hashMapWithTreeBin() {
        MapRef map = new MapRef(1203, "java.util.HashMap", "com.acme.orders.OrderIndex.BY_CUSTOMER");
        Chain tree = new Chain(417, 14, "tree", List.of(
                new ChainEntry("\"cust-0417\"", "Order{id=417, total=19.90}", 0x000001a1),
                new ChainEntry("\"cust-2465\"", "Order{id=2465, total=5.00}", 0x000009a1),
                new ChainEntry("\"cust-4513\"", "Order{id=4513, total=120.00}", 0x7e4411a1)), true);
        Chain chain = new Chain(1022, 7, "chain", List.of(
                new ChainEntry("\"cust-1022\"", "Order{id=1022, total=7.25}", 0x000003fe),
                new ChainEntry("\"cust-3070\"", null, 0x00000bfe),
                new ChainEntry("\"cust-5118\"", "Order{id=5118, total=0.99}", 0x000013fe)), true);
        return new BucketLayout(map, "HashMap", 1_056, 1_056, 2_048, 1_536L, 0.75f, 1_070, 987, 1,
                new BinLength(417, 14, "tree"), histogram(0, 1_061, 1, 941, 2, 38, 3, 6, 7, 1, 14, 1), 0,
                List.of(tree, chain), List.of(), null, new Integrity(true, List.of(), true), false, "jdwp", null);
    }

    /**
     * A ConcurrentHashMap caught mid-resize: bins 784 and up already forwarded to a nextTable of 2,048, one bin
     * reserved by a running computeIfAbsent, a TreeBin with a waiting writer; size from baseCount plus counter cells.
     */
    static BucketLayout concurrentHashMapResizing() {
        MapRef map = new MapRef(88, "java.util.concurrent.ConcurrentHashMap", "com.acme.cache.Prices.BY_SKU");
        Chain tree = new Chain(311, 9, "tree", List.of(
                new ChainEntry("\"sku-311\"", "Price{cents=1999}", 0x00000137),
                new ChainEntry("\"sku-1335\"", "Price{cents=250}", 0x00000537),
                new ChainEntry("\"sku-2359\"", "Price{cents=80}", 0x00000937)), true);
        Chain chain = new Chain(12, 4, "chain", List.of(
                new ChainEntry("\"sku-12\"", "Price{cents=100}", 0x0000000c),
                new ChainEntry("\"sku-1036\"", "Price{cents=1}", 0x0000040c),
                new ChainEntry("\"sku-2060\"", "Price{cents=99}", 0x0000080c)), true);
        ConcurrentState state = new ConcurrentState(240, 1, List.of(77),
                List.of(new TreeBinLock(311, 6, false, true, 1, 41L)),
                new ResizeState(true, 2_048, -2_146_107_389, 768), 1_071, 129);
        return new BucketLayout(map, "ConcurrentHashMap", 1_200, 824, 1_024, null, null, null, 655, 1,
                new BinLength(311, 9, "tree"), histogram(0, 369, 1, 520, 2, 110, 3, 21, 4, 3, 9, 1), 241,
                List.of(tree, chain), List.of(), state, new Integrity(true, List.of(), true), false, "agent", null);
    }

    /**
     * A HashMap behind Collections.synchronizedMap that unsynchronized writers broke: a cycle, an entry in the wrong
     * bin, size against entries walked; --bins 17 shows the looping bin.
     */
    static BucketLayout corruptHashMap() {
        MapRef map = new MapRef(640, "java.util.HashMap", "com.acme.Audit.LOG.m");
        List<ChainEntry> loop = List.of(
                new ChainEntry("\"evt-17\"", "Event{kind=LOGIN}", 0x00000011),
                new ChainEntry("\"evt-529\"", "Event{kind=LOGOUT}", 0x00000211),
                new ChainEntry("\"evt-1041\"", "Event{kind=LOGIN}", 0x00000411));
        List<Problem> problems = List.of(
                new Problem("cycle", 17, "chain of bin 17 returns to node @655 after 3 entries; walk stopped there"),
                new Problem("wrong-bin", 40, "entry \"evt-301\" (hash 301) is in bin 40, expected bin 301"),
                new Problem("size-mismatch", -1, "size field says 264 but the table holds 266 entries"));
        return new BucketLayout(map, "HashMap", 264, 266, 512, 384L, 0.75f, 9_310, 239, 0,
                new BinLength(17, 3, "chain"), histogram(0, 273, 1, 213, 2, 25, 3, 1),
                0, List.of(new Chain(17, 3, "chain", loop, false)), List.of(new Chain(17, 3, "chain", loop, false)), null,
                new Integrity(false, problems, true), false, "jdwp", "java.util.Collections$SynchronizedMap");
    }

    /** maps over JDWP: every instance in the heap, the largest five of 59,371 by size, collisions where measured. */
    static MapCensus census() {
        return new MapCensus(List.of(
                new ClassCount("java.util.HashMap", 48_213),
                new ClassCount("java.util.LinkedHashMap", 9_877),
                new ClassCount("java.util.concurrent.ConcurrentHashMap", 1_204),
                new ClassCount("java.util.IdentityHashMap", 61),
                new ClassCount("java.util.Hashtable", 16)),
                List.of(new MapSummary(88, "java.util.concurrent.ConcurrentHashMap", 1_200, 1_024, null,
                                "com.acme.cache.Prices.BY_SKU"),
                        new MapSummary(1203, "java.util.HashMap", 1_056, 2_048, 69, "com.acme.orders.OrderIndex.BY_CUSTOMER"),
                        new MapSummary(640, "java.util.HashMap", 264, 512, 25, null),
                        new MapSummary(17, "java.util.Hashtable", 60, 127, 4, "java.lang.System.props.map"),
                        new MapSummary(9_912_345_678L, "java.util.LinkedHashMap", 0, 0, 0, null)),
                59_371, "size", true, "jdwp", "every instance in the heap");
    }

    /** maps through the agent, as the REPL shows it: the maps statics reach, with $N handles. */
    static MapCensus censusThroughTheAgent() {
        return new MapCensus(List.of(
                new ClassCount("java.util.HashMap", 12),
                new ClassCount("java.util.concurrent.ConcurrentHashMap", 2)),
                List.of(new MapSummary(88, "java.util.concurrent.ConcurrentHashMap", 1_200, 1_024, null,
                                "com.acme.cache.Prices.BY_SKU"),
                        new MapSummary(1203, "java.util.HashMap", 1_056, 2_048, 69, "com.acme.orders.OrderIndex.BY_CUSTOMER")),
                14, "size", true, "agent", "maps that static fields of loaded classes reach, from 3,114 static fields: "
                        + "not a full heap census (that needs JDWP)");
    }

    /** threads --state ... --top 5: 6 of 37 match; a name past 32 characters, a native frame, a thread with no frames. */
    static ThreadList threads() {
        return new ThreadList(37, 6, List.of(
                thread(1, "main", "WAITING", "WAIT", false,
                        FrameInfo.location(0, "java.lang.Object", "wait0", null, null, true)),
                thread(14, "order-worker-1", "RUNNABLE", "RUNNING", false,
                        FrameInfo.location(0, "com.acme.orders.OrderIndex", "put", "OrderIndex.java", 88, false)),
                thread(15, "order-worker-2", "BLOCKED", "MONITOR", false,
                        FrameInfo.location(0, "com.acme.orders.OrderIndex", "put", "OrderIndex.java", 86, false)),
                thread(22, "pool-3-thread-1-a-very-long-thread-name-from-a-factory", "TIMED_WAITING", "WAIT", true,
                        FrameInfo.location(0, "jdk.internal.misc.Unsafe", "park", null, null, true)),
                thread(31, "Attach Listener", "RUNNABLE", "RUNNING", true, null)),
                true, 4);
    }

    private static ThreadInfo thread(long id, String name, String state, String jdiStatus, boolean daemon, FrameInfo top) {
        return new ThreadInfo(id, 1000 + id, name, state, jdiStatus, daemon, null, top == null ? List.of() : List.of(top));
    }
}
