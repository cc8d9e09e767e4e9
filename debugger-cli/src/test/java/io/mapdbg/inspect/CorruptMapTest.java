package io.mapdbg.inspect;

import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Maps broken by reflection, as a data race or a bad hashCode leaves them: the decoder reports and never hangs. */
@Timeout(20)
class CorruptMapTest {

    private final ReflectiveHeapObject.Heap heap = new ReflectiveHeapObject.Heap();

    private BucketLayout decode(Object map) {
        return MapLayouts.decode(heap.wrap(map), null, WalkOptions.defaults(), WalkProgress.NONE);
    }

    /** A small HashMap whose colliders share one chain of three (16 bins: resizes, never treeifies). */
    private static Map<Object, Integer> chainOfThree() {
        Map<Object, Integer> map = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            map.put(new HashMapLayoutTest.Collider(i), i);
        }
        map.put("alone", 9);
        return map;
    }

    private static int colliderBin(Object[] table) {
        return (table.length - 1) & (42 ^ (42 >>> 16));
    }

    @Test
    void cycleInAChainIsCutAndReported() {
        Map<Object, Integer> map = chainOfThree();
        Object[] table = Heaps.table(map);
        int bin = colliderBin(table);
        Object head = table[bin];
        Object last = Heaps.get(Heaps.get(head, "next"), "next");
        Heaps.set(last, "next", head);

        BucketLayout layout = decode(map);

        assertThat(layout.integrity().ok()).isFalse();
        assertThat(layout.integrity().problems()).extracting(Problem::kind).containsExactly("cycle");
        assertThat(layout.integrity().problems().get(0).bin()).isEqualTo(bin);
        assertThat(layout.entries()).isEqualTo(4);
        assertThat(layout.longestBin().length()).isEqualTo(3);
    }

    @Test
    void cycleThatLosesEntriesAlsoShowsAsSizeMismatch() {
        Map<Object, Integer> map = chainOfThree();
        Object head = Heaps.table(map)[colliderBin(Heaps.table(map))];
        Heaps.set(Heaps.get(head, "next"), "next", head);

        BucketLayout layout = decode(map);

        assertThat(layout.integrity().problems()).extracting(Problem::kind).containsExactlyInAnyOrder("cycle", "size-mismatch");
        assertThat(layout.entries()).isEqualTo(3);
    }

    @Test
    void entryInTheWrongBinNamesBothBinsAndTheKey() {
        Map<String, Integer> map = new HashMap<>();
        map.put("moved", 1);
        Object[] table = Heaps.table(map);
        int from = firstNonNull(table);
        int to = (from + 1) % table.length;
        table[to] = table[from];
        table[from] = null;

        BucketLayout layout = decode(map);

        assertThat(layout.integrity().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("wrong-bin");
            assertThat(p.bin()).isEqualTo(to);
            assertThat(p.message()).contains("\"moved\"", "in bin " + to, "expected bin " + from);
        });
    }

    @Test
    void sizeFieldThatDisagreesWithTheTable() {
        Map<String, Integer> map = new HashMap<>(Map.of("a", 1, "b", 2));
        Heaps.set(map, "size", 7);

        BucketLayout layout = decode(map);

        assertThat(layout.size()).isEqualTo(7);
        assertThat(layout.entries()).isEqualTo(2);
        assertThat(layout.integrity().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("size-mismatch");
            assertThat(p.message()).contains("7", "2");
        });
    }

    @Test
    void treeBinWithABrokenChildLink() {
        Map<Object, Integer> map = new HashMap<>(128);
        for (int i = 0; i < 12; i++) {
            map.put(new HashMapLayoutTest.ComparableCollider(i), i);
        }
        Object[] table = Heaps.table(map);
        Object root = table[(table.length - 1) & 7];
        assertThat(root.getClass().getSimpleName()).isEqualTo("TreeNode");
        Object left = Heaps.get(root, "left");
        Heaps.set(root, "left", null);
        assertThat(left).isNotNull();

        BucketLayout layout = decode(map);

        assertThat(layout.treeBins()).isEqualTo(1);
        assertThat(layout.entries()).isEqualTo(12);
        assertThat(layout.integrity().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("tree-links");
            assertThat(p.bin()).isEqualTo((table.length - 1) & 7);
        });
    }

    @Test
    void treeBinWithAWrongParentLink() {
        Map<Object, Integer> map = new HashMap<>(128);
        for (int i = 0; i < 12; i++) {
            map.put(new HashMapLayoutTest.ComparableCollider(i), i);
        }
        Object root = Heaps.table(map)[(Heaps.table(map).length - 1) & 7];
        Object right = Heaps.get(root, "right");
        Heaps.set(right, "parent", right);

        assertThat(decode(map).integrity().problems()).extracting(Problem::kind).containsExactly("tree-links");
    }

    @Test
    void chainLongerThanSizeAllowsIsCutAtTheWalkLimit() {
        Hashtable<Object, Integer> table = new Hashtable<>();
        for (int i = 0; i < 1500; i++) {
            table.put(new HashMapLayoutTest.Collider(i), i); // Hashtable never treeifies: one chain of 1500
        }
        Heaps.set(table, "count", 100);

        BucketLayout layout = decode(table);

        assertThat(layout.integrity().problems()).extracting(Problem::kind).containsExactly("walk-limit");
        assertThat(layout.entries()).isEqualTo(1100);
        assertThat(layout.integrity().complete()).isFalse();
    }

    @Test
    void unreadableNodeIsReportedAndTheRestIsWalked() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            map.put("u" + i, i);
        }
        Object[] table = Heaps.table(map);
        int bin = firstNonNull(table);
        heap.unreadable.add(table[bin]);

        BucketLayout layout = decode(map);

        assertThat(layout.integrity().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("unreadable");
            assertThat(p.bin()).isEqualTo(bin);
        });
        assertThat(layout.entries()).isEqualTo(10 - Heaps.chainLength(table[bin]));
        assertThat(layout.nonEmptyBins()).isEqualTo(Heaps.expected(table).nonEmptyBins());
        assertThat(layout.integrity().complete()).isFalse();
    }

    private static int firstNonNull(Object[] table) {
        int i = 0;
        while (table[i] == null) {
            i++;
        }
        return i;
    }
}
