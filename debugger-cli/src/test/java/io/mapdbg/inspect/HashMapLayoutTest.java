package io.mapdbg.inspect;

import io.mapdbg.inspect.Heaps.Expected;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HashMapLayoutTest {

    /** Every instance collides; not Comparable, so tree order falls back to identity hashes. */
    record Collider(int n) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    /** Colliding and Comparable: the tree orders by compareTo. */
    record ComparableCollider(int n) implements Comparable<ComparableCollider> {
        @Override
        public int hashCode() {
            return 7;
        }

        @Override
        public int compareTo(ComparableCollider other) {
            return Integer.compare(n, other.n);
        }
    }

    /** An application subclass: the decoder must find HashMap up its hierarchy. */
    static final class OrderCache extends HashMap<String, Integer> {
    }

    private final ReflectiveHeapObject.Heap heap = new ReflectiveHeapObject.Heap();

    static void assertMatchesTable(BucketLayout layout, Object map) {
        Object[] table = Heaps.table(map);
        Expected expected = Heaps.expected(table);
        assertThat(layout.capacity()).isEqualTo(table == null ? 0 : table.length);
        assertThat(layout.entries()).isEqualTo(expected.entries());
        assertThat(layout.size()).isEqualTo(((Map<?, ?>) map).size());
        assertThat(layout.nonEmptyBins()).isEqualTo(expected.nonEmptyBins());
        assertThat(layout.histogram()).isEqualTo(expected.histogram());
        assertThat(layout.longestBin().index()).isEqualTo(expected.longestIndex());
        assertThat(layout.longestBin().length()).isEqualTo(expected.longestLength());
        assertThat(layout.histogram().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(layout.capacity());
        assertThat(layout.integrity().ok()).as("problems %s", layout.integrity().problems()).isTrue();
        assertThat(layout.integrity().complete()).isTrue();
        assertThat(layout.sampled()).isFalse();
    }

    @Test
    void smallHashMapIsReadWithOneRequestPerNodeAndNoClassChecks() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            map.put("key-" + i, i);
        }
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), "com.acme.Cache.MAP", WalkOptions.defaults(), WalkProgress.NONE);

        assertMatchesTable(layout, map);
        assertThat(layout.layout()).isEqualTo("HashMap");
        assertThat(layout.map().className()).isEqualTo("java.util.HashMap");
        assertThat(layout.map().path()).isEqualTo("com.acme.Cache.MAP");
        assertThat(layout.threshold()).isEqualTo((long) (int) Heaps.get(map, "threshold"));
        assertThat(layout.loadFactor()).isEqualTo(0.75f);
        assertThat(layout.modCount()).isEqualTo((Integer) Heaps.get(map, "modCount"));
        assertThat(layout.source()).isNull();
        assertThat(layout.wrapper()).isNull();
        assertThat(layout.concurrent()).isNull();
        // one read of the map, one per node; a 64-bin table may hold trees, a 128-bin one here must be asked
        int tableLength = Heaps.table(map).length;
        assertThat(heap.calls("read")).isEqualTo(1 + 40);
        assertThat(heap.calls("className")).isEqualTo(tableLength >= 64 ? layout.nonEmptyBins() : 0);
        assertThat(heap.calls("arrayRange")).isEqualTo(1);
    }

    @Test
    void tableUnder64BinsNeverAsksClassNames() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            map.put("k" + i, i);
        }
        assertThat(Heaps.table(map).length).isLessThan(64);
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);
        assertMatchesTable(layout, map);
        assertThat(heap.calls("className")).isZero();
    }

    @Test
    void noTreeNodesInHeapMeansNoClassNames() {
        heap.mayContain = name -> !name.equals("java.util.HashMap$TreeNode");
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            map.put(i, i);
        }
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);
        assertMatchesTable(layout, map);
        assertThat(heap.calls("className")).isZero();
    }

    @Test
    void collidingKeysMakeATreeBinThatIsWalkedAndChecked() {
        Map<Object, String> map = new HashMap<>(128);
        for (int i = 0; i < 20; i++) {
            map.put(new Collider(i), "v" + i);
            map.put(new ComparableCollider(i), "c" + i);
        }
        for (int i = 0; i < 30; i++) {
            map.put("plain-" + i, "p");
        }
        Object[] table = Heaps.table(map);
        int colliderBin = (table.length - 1) & (42 ^ (42 >>> 16));
        int comparableBin = (table.length - 1) & 7;
        assertThat(table[colliderBin].getClass().getName()).isEqualTo("java.util.HashMap$TreeNode");
        assertThat(table[comparableBin].getClass().getName()).isEqualTo("java.util.HashMap$TreeNode");

        WalkOptions options = new WalkOptions(0, 3, 4, 40, colliderBin, colliderBin);
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, options, WalkProgress.NONE);

        assertMatchesTable(layout, map);
        assertThat(layout.treeBins()).isEqualTo(2);
        assertThat(layout.longestBin().kind()).isEqualTo("tree");
        // a plain key may share a collider's bin, so lengths come from the table itself
        int colliderLength = Heaps.chainLength(table[colliderBin]);
        int comparableLength = Heaps.chainLength(table[comparableBin]);
        assertThat(colliderLength).isGreaterThanOrEqualTo(20);
        assertThat(comparableLength).isGreaterThanOrEqualTo(20);
        int firstBin = colliderLength > comparableLength || colliderLength == comparableLength && colliderBin < comparableBin
                ? colliderBin : comparableBin;
        assertThat(layout.longestChains()).hasSize(3);
        Chain first = layout.longestChains().get(0);
        assertThat(first.index()).isEqualTo(firstBin);
        assertThat(first.length()).isEqualTo(Math.max(colliderLength, comparableLength));
        assertThat(first.entries()).hasSize(4);
        assertThat(first.truncated()).isTrue();
        assertThat(layout.longestChains().get(1).length()).isEqualTo(Math.min(colliderLength, comparableLength));
        assertThat(layout.longestChains().get(2).length()).isLessThan(20);
        assertThat(layout.bins()).singleElement().satisfies(bin -> {
            assertThat(bin.index()).isEqualTo(colliderBin);
            assertThat(bin.kind()).isEqualTo("tree");
            assertThat(bin.length()).isEqualTo(colliderLength);
            assertThat(bin.entries()).hasSize(4);
            assertThat(bin.entries()).filteredOn(e -> e.hash() == 42).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.value()).startsWith("\"v"));
        });
    }

    @Test
    void linkedHashMapAndSubclassDecodeAsHashMap() {
        LinkedHashMap<String, Integer> linked = new LinkedHashMap<>();
        OrderCache cache = new OrderCache();
        for (int i = 0; i < 100; i++) {
            linked.put("l" + i, i);
            cache.put("o" + i, i);
        }
        BucketLayout linkedLayout = MapLayouts.decode(heap.wrap(linked), null, WalkOptions.defaults(), WalkProgress.NONE);
        BucketLayout cacheLayout = MapLayouts.decode(heap.wrap(cache), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertMatchesTable(linkedLayout, linked);
        assertMatchesTable(cacheLayout, cache);
        assertThat(linkedLayout.layout()).isEqualTo("HashMap");
        assertThat(linkedLayout.map().className()).isEqualTo("java.util.LinkedHashMap");
        assertThat(cacheLayout.map().className()).isEqualTo(OrderCache.class.getName());
    }

    @Test
    void emptyMapWithoutTable() {
        Map<String, String> map = new HashMap<>();
        assertThat(Heaps.table(map)).isNull();
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.capacity()).isZero();
        assertThat(layout.entries()).isZero();
        assertThat(layout.longestBin()).isNull();
        assertThat(layout.histogram()).isEmpty();
        assertThat(layout.longestChains()).isEmpty();
        assertThat(layout.integrity().ok()).isTrue();
    }

    @Test
    void histogramKeysSortNumerically() {
        Map<Object, Integer> map = new HashMap<>(16);
        for (int i = 0; i < 11; i++) {
            map.put(new Collider(i), i); // 11 colliders in one bin of a table that grows to 64 and treeifies
        }
        map.put("x", 1);
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);
        assertMatchesTable(layout, map);
        assertThat(layout.histogram().keySet()).containsExactly("0", "1", "11");
    }

    @Test
    void boundedWalkOfALargeMapKeepsCapacityAndNonEmptyBinsExact() {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            map.put(i * 7919, i);
        }
        Object[] table = Heaps.table(map);
        Expected expected = Heaps.expected(table);
        long[] lastProgress = new long[3];
        int[] progressCalls = {0};
        WalkOptions options = new WalkOptions(1000, 5, 8, 60, -1, -1);

        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, options, (done, total, entries) -> {
            progressCalls[0]++;
            lastProgress[0] = done;
            lastProgress[1] = total;
            lastProgress[2] = entries;
        });

        assertThat(table.length).isGreaterThan(ReflectiveHeapObject.MAX_ARRAY_RANGE);
        assertThat(layout.capacity()).isEqualTo(table.length);
        assertThat(layout.nonEmptyBins()).isEqualTo(expected.nonEmptyBins());
        assertThat(layout.sampled()).isTrue();
        assertThat(layout.entries()).isBetween(1000L, 1100L);
        assertThat(layout.size()).isEqualTo(100_000);
        assertThat(layout.integrity().complete()).isFalse();
        assertThat(layout.integrity().problems()).isEmpty();
        assertThat(heap.calls("arrayRange")).isEqualTo((table.length + 16_383) / 16_384);
        assertThat(heap.calls("read")).isEqualTo(1 + (int) layout.entries());
        assertThat(progressCalls[0]).isEqualTo(heap.calls("arrayRange"));
        assertThat(lastProgress).containsExactly(table.length, table.length, layout.entries());
    }

    @Test
    void fullWalkOfALargeMapReadsTheTableInChunks() {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            map.put(i, i);
        }
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);
        assertMatchesTable(layout, map);
        assertThat(heap.calls("arrayRange")).isGreaterThan(1);
    }
}
