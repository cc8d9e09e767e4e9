package io.mapdbg.inspect;

import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@Timeout(30)
class ConcurrentHashMapLayoutTest {

    private final ReflectiveHeapObject.Heap heap = new ReflectiveHeapObject.Heap();

    /** Entries per bin, walking a TreeBin from its first TreeNode: computed by reflection, not by the decoder. */
    private static int binLength(Object head) {
        if (head == null) {
            return 0;
        }
        int hash = (int) Heaps.get(head, "hash");
        if (hash == -2) {
            return Heaps.chainLength(Heaps.get(head, "first"));
        }
        return hash < 0 ? 0 : Heaps.chainLength(head);
    }

    private static int bin(Object[] table, Object key) {
        int h = key.hashCode();
        return (table.length - 1) & ((h ^ (h >>> 16)) & 0x7fffffff);
    }

    @Test
    void chainsAndTreeBinMatchTheTable() {
        ConcurrentHashMap<Object, Integer> map = new ConcurrentHashMap<>(128);
        for (int i = 0; i < 50; i++) {
            map.put("c" + i, i);
        }
        for (int i = 0; i < 12; i++) {
            map.put(new HashMapLayoutTest.ComparableCollider(i), i);
        }
        Object[] table = Heaps.table(map);
        int treeBin = bin(table, new HashMapLayoutTest.ComparableCollider(0));
        assertThat(table[treeBin].getClass().getSimpleName()).isEqualTo("TreeBin");
        int nonEmpty = 0;
        long entries = 0;
        for (Object head : table) {
            nonEmpty += head != null ? 1 : 0;
            entries += binLength(head);
        }

        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.layout()).isEqualTo("ConcurrentHashMap");
        assertThat(layout.capacity()).isEqualTo(table.length);
        assertThat(layout.size()).isEqualTo(map.mappingCount()).isEqualTo(62);
        assertThat(layout.entries()).isEqualTo(entries).isEqualTo(62);
        assertThat(layout.nonEmptyBins()).isEqualTo(nonEmpty);
        assertThat(layout.treeBins()).isEqualTo(1);
        assertThat(layout.longestBin().index()).isEqualTo(treeBin);
        assertThat(layout.longestBin().length()).isEqualTo(binLength(table[treeBin]));
        assertThat(layout.longestBin().kind()).isEqualTo("tree");
        assertThat(layout.threshold()).isEqualTo((long) (int) Heaps.get(map, "sizeCtl"));
        assertThat(layout.loadFactor()).isEqualTo(0.75f);
        assertThat(layout.modCount()).isNull();
        assertThat(layout.concurrent().treeBinLocks()).singleElement().satisfies(lock -> {
            assertThat(lock.bin()).isEqualTo(treeBin);
            assertThat(lock.lockState()).isZero();
            assertThat(lock.waiterThreadId()).isNull();
        });
        assertThat(layout.concurrent().resize().resizing()).isFalse();
        assertThat(layout.integrity().ok()).as("%s", layout.integrity().problems()).isTrue();
    }

    @Test
    void treeBinLockStateAndWaiterThread() {
        ConcurrentHashMap<Object, Integer> map = new ConcurrentHashMap<>(128);
        for (int i = 0; i < 10; i++) {
            map.put(new HashMapLayoutTest.ComparableCollider(i), i);
        }
        Object treeBin = Heaps.table(map)[bin(Heaps.table(map), new HashMapLayoutTest.ComparableCollider(0))];
        Thread waiter = new Thread(() -> { });
        Heaps.set(treeBin, "lockState", 1 | 2 | 4 * 3); // as no real lock mixes them: writer, waiter, three readers
        Heaps.set(treeBin, "waiter", waiter);

        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.concurrent().treeBinLocks()).singleElement().satisfies(lock -> {
            assertThat(lock.writer()).isTrue();
            assertThat(lock.waiter()).isTrue();
            assertThat(lock.readers()).isEqualTo(3);
            assertThat(lock.waiterThreadId()).isEqualTo(waiter.getId());
        });
    }

    @Test
    void counterCellsAddToBaseCount() throws Exception {
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>();
        for (int i = 0; i < 30; i++) {
            map.put("k" + i, i);
        }
        Class<?> cellType = Class.forName("java.util.concurrent.ConcurrentHashMap$CounterCell");
        Constructor<?> cell = cellType.getDeclaredConstructor(long.class);
        cell.setAccessible(true);
        Object cells = Array.newInstance(cellType, 4);
        Array.set(cells, 0, cell.newInstance(10L));
        Array.set(cells, 2, cell.newInstance(15L));
        Heaps.set(map, "counterCells", cells);
        Heaps.set(map, "baseCount", 5L);
        assertThat(map.mappingCount()).isEqualTo(30);

        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.size()).isEqualTo(30);
        assertThat(layout.concurrent().baseCount()).isEqualTo(5);
        assertThat(layout.concurrent().counterCellsSum()).isEqualTo(25);
        assertThat(layout.integrity().ok()).isTrue();
        assertThat(MapLayouts.quickStats(heap.wrap(map), false).size()).isEqualTo(30);
    }

    @Test
    void reservationNodeWhileComputeIfAbsentRuns() throws Exception {
        ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
        map.put("other", "x");
        Object[] table = Heaps.table(map);
        String key = null;
        for (int i = 0; key == null; i++) {
            String candidate = "reserve-" + i;
            key = table[bin(table, candidate)] == null ? candidate : null;
        }
        int reservedBin = bin(table, key);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String reservedKey = key;
        Thread writer = new Thread(() -> map.computeIfAbsent(reservedKey, k -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "filled";
        }));
        writer.start();
        try {
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (table[reservedBin] == null || !table[reservedBin].getClass().getSimpleName().equals("ReservationNode")) {
                if (System.nanoTime() > deadline) {
                    fail("bin " + reservedBin + " never held a ReservationNode");
                }
                Thread.onSpinWait();
            }
            WalkOptions options = new WalkOptions(0, 5, 8, 60, reservedBin, reservedBin);
            BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, options, WalkProgress.NONE);

            assertThat(layout.concurrent().reservedBins()).containsExactly(reservedBin);
            assertThat(layout.concurrent().reservationNodes()).isEqualTo(1);
            assertThat(layout.specialBins()).isEqualTo(1);
            assertThat(layout.entries()).isEqualTo(1);
            assertThat(layout.nonEmptyBins()).isEqualTo(1);
            assertThat(layout.histogram().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(layout.capacity());
            assertThat(layout.bins()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo("reservation");
                assertThat(c.length()).isZero();
            });
            assertThat(layout.integrity().ok()).isTrue();
        } finally {
            release.countDown();
            writer.join(10_000);
        }
        assertThat(map.get(key)).isEqualTo("filled");
    }

    @Test
    void resizeInProgressShowsForwardingBinsAndSkipsTheSizeCheck() throws Exception {
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>();
        for (int i = 0; i < 6; i++) {
            map.put("r" + i, i);
        }
        Object[] table = Heaps.table(map);
        Object[] next = (Object[]) Array.newInstance(table.getClass().getComponentType(), table.length * 2);
        Constructor<?> forwarding = Class.forName("java.util.concurrent.ConcurrentHashMap$ForwardingNode")
                .getDeclaredConstructor(table.getClass());
        forwarding.setAccessible(true);
        int moved = 0;
        while (table[moved] != null) {
            moved++;
        }
        table[moved] = forwarding.newInstance((Object) next); // an empty bin already "moved"
        int movedWithEntries = table.length - 1;
        while (table[movedWithEntries] == null) {
            movedWithEntries--;
        }
        int lost = binLength(table[movedWithEntries]);
        table[movedWithEntries] = forwarding.newInstance((Object) next); // its entries now live only in nextTable
        Heaps.set(map, "nextTable", next);
        Heaps.set(map, "sizeCtl", -2);
        Heaps.set(map, "transferIndex", 4);

        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.concurrent().forwardingNodes()).isEqualTo(2);
        assertThat(layout.specialBins()).isEqualTo(2);
        assertThat(layout.concurrent().resize()).satisfies(r -> {
            assertThat(r.resizing()).isTrue();
            assertThat(r.nextTableLength()).isEqualTo(next.length);
            assertThat(r.sizeCtl()).isEqualTo(-2);
            assertThat(r.transferIndex()).isEqualTo(4);
        });
        assertThat(layout.threshold()).isNull();
        assertThat(layout.entries()).isEqualTo(6 - lost);
        assertThat(layout.integrity().problems()).extracting(Problem::kind).doesNotContain("size-mismatch");
    }

    @Test
    void boundedWalkCountsHeadsPastTheLimit() {
        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            map.put(i * 31, i);
        }
        Object[] table = Heaps.table(map);
        int nonEmpty = 0;
        for (Object head : table) {
            nonEmpty += head != null ? 1 : 0;
        }
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null,
                new WalkOptions(500, 5, 8, 60, -1, -1), WalkProgress.NONE);

        assertThat(layout.capacity()).isEqualTo(table.length);
        assertThat(layout.nonEmptyBins()).isEqualTo(nonEmpty);
        assertThat(layout.sampled()).isTrue();
        assertThat(layout.integrity().complete()).isFalse();
        assertThat(layout.integrity().problems()).isEmpty();
    }
}
