package io.mapdbg.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written JSON of a blocked report is exactly what Jackson writes for the same record. */
class BlockedJsonTest {
    private static void same(BlockedReport r) {
        String jackson = Json.jackson(r);
        assertThat(BlockedJson.render(r)).isEqualTo(jackson);
        assertThat(Json.render(r)).isEqualTo(jackson);
    }

    @Test
    void aReportWithEveryPartMatchesJackson() {
        ThreadSummary owner = new ThreadSummary("chm-holder", 14, "WAITING",
                List.of("jdk.internal.misc.Unsafe.park(Native Method)", "a.B.hold(B.java:58)"));
        LockRef lock = new LockRef("monitor", "java.util.concurrent.ConcurrentHashMap$ReservationNode", 3, null);
        List<Waiter> waiters = List.of(new Waiter("chm-writer-1", 15, "BLOCKED", "java.util.concurrent.ConcurrentHashMap.putVal(ConcurrentHashMap.java:1032)"),
                new Waiter("w2", 16, "WAITING", null));
        BlockedCluster chm = new BlockedCluster(lock, owner, waiters,
                new MapBin(4, "java.util.concurrent.ConcurrentHashMap", "a.B.CHM", 11), null, List.of());
        BlockedCluster latch = new BlockedCluster(new LockRef("synchronizer",
                "java.util.concurrent.CountDownLatch$Sync", 9, "CountDownLatch count 1"), null,
                List.of(new Waiter("settle-order-17", 20, "WAITING", "a.B.settle(B.java:3)")), null,
                new MapEntryRef(new MapRef(5, "java.util.HashMap", "a.B.ORDERS_LATCHES"), "order-17"), List.of());
        BlockedCluster rw = new BlockedCluster(new LockRef("synchronizer",
                "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync", 7, "ReentrantReadWriteLock: not write-locked, 2 read holds"),
                null, List.of(), new MapBin(6, "java.util.HashMap", null, -1),
                new MapEntryRef(null, null), List.of(owner, new ThreadSummary("r", 2, "RUNNABLE", List.of())));
        Deadlock dl = new Deadlock(List.of(new Deadlock.Step(owner, lock, "a.B.c(B.java:1)"),
                new Deadlock.Step(new ThreadSummary("x", 3, "BLOCKED", null), new LockRef("other", "C", -1, "d"), null)));
        same(new BlockedReport(2011, List.of(chm, latch, rw), List.of(dl, new Deadlock(List.of())), 132, true));
        same(new BlockedReport(0, List.of(), List.of(), 0, false));
        same(new BlockedReport(1, List.of(new BlockedCluster(null, null, null, null, null, null)), List.of(), -1, false));
    }

    @Test
    void stringsWithQuotesControlsAndUnicodeAreEscapedAsJacksonDoes() {
        List<String> odd = new ArrayList<>(Arrays.asList("", "\"", "\\", "a\"b\\c", "\n\r\t\b\f", "\u0000\u0001\u001f\u007f",
                "é ü 漢字 \uD83D\uDE00", "\uD800 lone", "</script>", "line\u2028sep", null));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            char[] cs = new char[random.nextInt(12)];
            for (int j = 0; j < cs.length; j++) {
                cs[j] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
            }
            odd.add(new String(cs));
        }
        for (String s : odd) {
            ThreadSummary t = new ThreadSummary(s, 1, s, Arrays.asList(s, s));
            LockRef lock = new LockRef(s, s, 2, s);
            same(new BlockedReport(1, List.of(new BlockedCluster(lock, t, List.of(new Waiter(s, 3, s, s)),
                    new MapBin(4, s, s, 5), new MapEntryRef(new MapRef(6, s, s), s), List.of(t))),
                    List.of(new Deadlock(List.of(new Deadlock.Step(t, lock, s)))), 7, false));
        }
    }
}
