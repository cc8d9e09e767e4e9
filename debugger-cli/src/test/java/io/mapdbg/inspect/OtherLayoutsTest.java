package io.mapdbg.inspect;

import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtherLayoutsTest {

    private final ReflectiveHeapObject.Heap heap = new ReflectiveHeapObject.Heap();

    @Test
    void hashtableBinsByModulo() {
        Hashtable<Object, Integer> table = new Hashtable<>(11);
        for (int i = 0; i < 60; i++) {
            table.put("h" + i, i);
        }
        table.put(new HashMapLayoutTest.Collider(1), 1);
        table.put(new HashMapLayoutTest.Collider(2), 2);
        BucketLayout layout = MapLayouts.decode(heap.wrap(table), null, WalkOptions.defaults(), WalkProgress.NONE);

        HashMapLayoutTest.assertMatchesTable(layout, table);
        assertThat(Heaps.table(table).length % 2).as("a prime-ish table: modulo, not mask").isEqualTo(1);
        assertThat(layout.layout()).isEqualTo("Hashtable");
        assertThat(layout.threshold()).isEqualTo((long) (int) Heaps.get(table, "threshold"));
        assertThat(layout.loadFactor()).isEqualTo(0.75f);
        assertThat(layout.modCount()).isEqualTo((Integer) Heaps.get(table, "modCount"));
    }

    @Test
    void weakHashMapCountsStaleEntriesAndShowsNullAndClearedKeys() {
        WeakHashMap<Object, String> map = new WeakHashMap<>();
        String[] keys = new String[30];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "w" + i;
            map.put(keys[i], "v" + i);
        }
        map.put(null, "for-null");
        Object[] table = Heaps.table(map);
        int cleared = -1;
        int nullBin = -1;
        for (int i = 0; i < table.length; i++) {
            for (Object e = table[i]; e != null; e = Heaps.get(e, "next")) {
                if (((Reference<?>) e).get() == Heaps.get(map, "NULL_KEY")) {
                    nullBin = i;
                } else if (cleared < 0 && e == table[i]) {
                    ((Reference<?>) e).clear(); // as the GC would: the entry stays until the map expunges
                    cleared = i;
                }
            }
        }
        int clearedBin = cleared;
        int nullKeyBin = nullBin;
        int shown = Math.min(cleared, nullBin);
        WalkOptions options = new WalkOptions(0, 5, 8, 60, shown, Math.max(cleared, nullBin));
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, options, WalkProgress.NONE);

        assertThat(layout.layout()).isEqualTo("WeakHashMap");
        assertThat(layout.size()).isEqualTo((int) Heaps.get(map, "size")).isEqualTo(31);
        assertThat(layout.entries()).isEqualTo(Heaps.expected(table).entries()).isEqualTo(31);
        assertThat(layout.nonEmptyBins()).isEqualTo(Heaps.expected(table).nonEmptyBins());
        assertThat(layout.integrity().problems()).isEmpty();
        Chain clearedChain = layout.bins().stream().filter(c -> c.index() == clearedBin).findFirst().orElseThrow();
        assertThat(clearedChain.entries().get(0).key()).isEqualTo("(cleared)");
        Chain nullChain = layout.bins().stream().filter(c -> c.index() == nullKeyBin).findFirst().orElseThrow();
        assertThat(nullChain.entries()).anySatisfy(e -> {
            assertThat(e.key()).isEqualTo("null");
            assertThat(e.value()).isEqualTo("\"for-null\"");
        });
        assertThat(layout.bins()).hasSize(Math.abs(cleared - nullBin) + 1);
    }

    @Test
    void identityHashMapSlotsProbeRunsAndNullKey() {
        IdentityHashMap<Object, Integer> map = new IdentityHashMap<>();
        for (int i = 0; i < 40; i++) {
            map.put(new Object(), i);
        }
        map.put(null, -1);
        Object[] table = Heaps.table(map);
        Object nullKey = Heaps.get(map, "NULL_KEY");
        int capacity = table.length / 2;
        int occupied = 0;
        int firstOccupied = -1;
        int nullSlot = -1;
        for (int slot = 0; slot < capacity; slot++) {
            if (table[2 * slot] != null) {
                occupied++;
                firstOccupied = firstOccupied < 0 ? slot : firstOccupied;
                nullSlot = table[2 * slot] == nullKey ? slot : nullSlot;
            }
        }
        int[] run = longestRun(table, capacity);
        int expectedFirst = firstOccupied;
        WalkOptions options = new WalkOptions(0, 5, 3, 60, nullSlot, nullSlot);
        BucketLayout layout = MapLayouts.decode(heap.wrap(map), null, options, WalkProgress.NONE);

        assertThat(layout.layout()).isEqualTo("IdentityHashMap");
        assertThat(layout.capacity()).isEqualTo(capacity);
        assertThat(layout.size()).isEqualTo(41);
        assertThat(layout.entries()).isEqualTo(occupied).isEqualTo(41);
        assertThat(layout.nonEmptyBins()).isEqualTo(occupied);
        assertThat(layout.histogram()).containsExactly(Map.entry("0", capacity - occupied), Map.entry("1", occupied));
        assertThat(layout.longestBin()).satisfies(b -> {
            assertThat(b.index()).isEqualTo(expectedFirst);
            assertThat(b.length()).isEqualTo(1);
            assertThat(b.kind()).isEqualTo("slot");
        });
        assertThat(layout.longestChains()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("probe-run");
            assertThat(c.index()).isEqualTo(run[0]);
            assertThat(c.length()).isEqualTo(run[1]);
            assertThat(c.entries()).hasSize(Math.min(3, run[1]));
        });
        assertThat(layout.bins()).singleElement().satisfies(c -> {
            assertThat(c.entries().get(0).key()).isEqualTo("null");
            assertThat(c.entries().get(0).value()).isEqualTo("-1");
        });
        assertThat(layout.threshold()).isNull();
        assertThat(layout.loadFactor()).isNull();
        assertThat(layout.integrity().ok()).isTrue();
    }

    /** Longest run of occupied slots, wrapping at the end like linear probing; ties keep the lowest start. */
    private static int[] longestRun(Object[] table, int capacity) {
        int bestStart = -1;
        int bestLength = 0;
        for (int start = 0; start < capacity; start++) {
            boolean runStartsHere = table[2 * start] != null && table[2 * ((start - 1 + capacity) % capacity)] == null;
            if (!runStartsHere) {
                continue;
            }
            int length = 0;
            while (length < capacity && table[2 * ((start + length) % capacity)] != null) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        return new int[] {bestStart, bestLength};
    }

    @Test
    void anythingElseIsNotAHashMap() {
        assertThatThrownBy(() -> MapLayouts.decode(heap.wrap(new TreeMap<>()), null, WalkOptions.defaults(), WalkProgress.NONE))
                .isInstanceOf(NotAHashMapException.class)
                .hasMessageContaining("java.util.TreeMap")
                .hasMessageNotContaining("\n");
    }
}
