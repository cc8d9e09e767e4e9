package io.mapdbg.layouts;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The HashMap rules over a fake heap: every figure checked against the map's own table, read independently. */
class HashMapLayoutTest {

    /** Every instance collides; not Comparable, so tree order falls back to identity hashes. */
    record Collider(int n) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    private final ReflectHeap heap = new ReflectHeap();

    private LayoutReport walk(Map<?, ?> map, WalkBounds bounds) {
        return ChainedLayouts.hashMap(heap, map, bounds, Progress.NONE);
    }

    private static WalkBounds defaults() {
        return new WalkBounds(0, 5, 8, 60, -1, -1);
    }

    /** Histogram and longest bin computed from the table itself. */
    private static void assertMatchesTable(LayoutReport r, Map<?, ?> map) {
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        TreeMap<Integer, Integer> histogram = new TreeMap<>();
        int nonEmpty = 0;
        int longest = 0;
        int longestAt = -1;
        for (int i = 0; i < table.length; i++) {
            int length = 0;
            for (Object n = table[i]; n != null; n = ReflectHeap.get(n, "next")) {
                length++;
            }
            histogram.merge(length, 1, Integer::sum);
            nonEmpty += length > 0 ? 1 : 0;
            if (length > longest) {
                longest = length;
                longestAt = i;
            }
        }
        assertThat(r.capacity).isEqualTo(table.length);
        assertThat(r.entries).isEqualTo(map.size());
        assertThat(r.size).isEqualTo(map.size());
        assertThat(r.nonEmptyBins).isEqualTo(nonEmpty);
        assertThat(r.histogram).isEqualTo(histogram);
        assertThat(r.longestBin.index).isEqualTo(longestAt);
        assertThat(r.longestBin.length).isEqualTo(longest);
        assertThat(r.problems).isEmpty();
        assertThat(r.complete).isTrue();
        assertThat(r.sampled).isFalse();
    }

    @Test
    void plainAndLinkedHashMapsMatchTheirTablesWithOneReadPerNode() {
        for (Map<String, Integer> map : java.util.List.<Map<String, Integer>>of(new HashMap<>(), new LinkedHashMap<>())) {
            for (int i = 0; i < 3000; i++) {
                map.put("key-" + i, i);
            }
            heap.reads = 0;
            LayoutReport r = walk(map, defaults());
            assertMatchesTable(r, map);
            assertThat(r.layout).isEqualTo("HashMap");
            assertThat(r.threshold).isEqualTo((long) (int) ReflectHeap.get(map, "threshold"));
            assertThat(r.loadFactor).isEqualTo(0.75f);
            assertThat(r.modCount).isEqualTo((Integer) ReflectHeap.get(map, "modCount"));
            assertThat(heap.reads).isEqualTo(1 + 3000);
            assertThat(r.longestChains).hasSize(5);
            assertThat(r.longestChains.get(0).length).isEqualTo(r.longestBin.length);
            assertThat(r.longestChains.get(0).entries.get(0).key).startsWith("\"key-");
        }
    }

    @Test
    void aLocalHeapReadingKeysOnlyForShownBinsShowsTheSameEntries() {
        Map<Object, Integer> map = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            map.put("k" + i, i);
        }
        for (int i = 0; i < 11; i++) {
            map.put(new Collider(i), i);
        }
        WalkBounds bounds = new WalkBounds(0, 5, 3, 60, 40, 50);
        LayoutReport remote = walk(map, bounds);
        ReflectHeap live = new ReflectHeap();
        live.local = true;
        live.reads = 0;
        LayoutReport local = ChainedLayouts.hashMap(live, map, bounds, Progress.NONE);
        for (java.util.function.Function<LayoutReport, java.util.List<LayoutReport.Chain>> shown
                : java.util.List.<java.util.function.Function<LayoutReport, java.util.List<LayoutReport.Chain>>>of(
                        r -> r.longestChains, r -> r.bins)) {
            assertThat(shown.apply(local)).hasSameSizeAs(shown.apply(remote));
            for (int c = 0; c < shown.apply(remote).size(); c++) {
                LayoutReport.Chain a = shown.apply(remote).get(c);
                LayoutReport.Chain b = shown.apply(local).get(c);
                assertThat(b.index).isEqualTo(a.index);
                assertThat(b.truncated).isEqualTo(a.truncated);
                assertThat(b.entries).extracting(e -> e.key + "=" + e.value + "#" + e.hash)
                        .containsExactlyElementsOf(a.entries.stream().map(e -> e.key + "=" + e.value + "#" + e.hash).toList());
            }
        }
        assertThat(local.longestChains.get(0).entries).hasSize(3);
    }

    @Test
    void collidingKeysMakeATreeBinThatIsCheckedAndShown() {
        Map<Object, Integer> map = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(100 + i, i); // none in bin 42 of a 256-bin table
        }
        for (int i = 0; i < 20; i++) {
            map.put(new Collider(i), i);
        }
        LayoutReport r = walk(map, defaults());
        assertMatchesTable(r, map);
        assertThat(r.treeBins).isEqualTo(1);
        assertThat(r.longestBin.kind).isEqualTo("tree");
        assertThat(r.longestBin.length).isEqualTo(20);
        LayoutReport.Chain shown = r.longestChains.get(0);
        assertThat(shown.entries).hasSize(8);
        assertThat(shown.truncated).isTrue();
        assertThat(shown.entries.get(0).hash).isEqualTo(42 ^ (42 >>> 16));
    }

    @Test
    void aBrokenTreeLinkACycleAndAWrongBinAreReported() {
        Map<Object, Integer> map = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(100 + i, i); // none in bin 42 of a 256-bin table
        }
        for (int i = 0; i < 12; i++) {
            map.put(new Collider(i), i);
        }
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        int treeBin = 42 & (table.length - 1);
        Object root = table[treeBin];
        Object left = ReflectHeap.get(root, "left");
        ReflectHeap.set(left, "parent", null); // the child no longer names its parent
        // a chain of two plain nodes made into a cycle
        int chainBin = 101; // key 101 alone: a cycle of one node
        Object first = table[chainBin];
        ReflectHeap.set(first, "next", first);
        // a node moved into a bin its hash does not belong to
        int wrong = 3;
        Object moved = table[105];
        table[105] = null;
        table[wrong] = moved;

        LayoutReport r = walk(map, defaults());
        assertThat(r.problems).extracting(p -> p.kind).containsExactlyInAnyOrder("tree-links", "cycle", "wrong-bin");
        assertThat(r.problems).filteredOn(p -> p.kind.equals("tree-links")).singleElement()
                .satisfies(p -> assertThat(p.bin).isEqualTo(treeBin));
        assertThat(r.problems).filteredOn(p -> p.kind.equals("wrong-bin")).singleElement()
                .satisfies(p -> assertThat(p.message).contains("is in bin 3, expected bin 105"));
    }

    @Test
    void boundedWalkKeepsCapacityAndNonEmptyBinsExactAndSaysSampled() {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            map.put(i * 7919, i);
        }
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        int nonEmpty = 0;
        for (Object head : table) {
            nonEmpty += head == null ? 0 : 1;
        }
        LayoutReport r = walk(map, new WalkBounds(1000, 5, 8, 60, 0, 3));
        assertThat(r.sampled).isTrue();
        assertThat(r.complete).isFalse();
        assertThat(r.capacity).isEqualTo(table.length);
        assertThat(r.nonEmptyBins).isEqualTo(nonEmpty);
        assertThat(r.entries).isBetween(1000L, 1010L);
        assertThat(r.bins).extracting(c -> c.index).containsExactly(0, 1, 2, 3);
        assertThat(r.problems).isEmpty();
        assertThat(heap.readAheads).isZero(); // a bounded walk reads no chain ahead
    }

    @Test
    void aMapWithoutTableHasNoHistogramAndNoLongestBin() {
        LayoutReport r = walk(new HashMap<>(), defaults());
        assertThat(r.capacity).isZero();
        assertThat(r.histogram).isEmpty();
        assertThat(r.longestBin).isNull();
        assertThat(r.problems).isEmpty();
    }
}
