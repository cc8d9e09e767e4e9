package io.mapdbg.layouts;

import org.junit.jupiter.api.Test;

import java.util.Hashtable;
import java.util.WeakHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Hashtable and WeakHashMap over the fake heap, against their own tables. */
class OtherChainedLayoutsTest {
    private final ReflectHeap heap = new ReflectHeap();
    private static final WalkBounds ALL_BINS = new WalkBounds(0, 5, 8, 60, 0, 1 << 20);

    @Test
    void hashtableBinsByModuloOfTheRawHash() {
        Hashtable<Integer, String> map = new Hashtable<>();
        for (int i = 0; i < 500; i++) {
            map.put(i * 11, "v" + i);
        }
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        LayoutReport r = ChainedLayouts.hashtable(heap, map, ALL_BINS, Progress.NONE);
        assertThat(r.layout).isEqualTo("Hashtable");
        assertThat(r.entries).isEqualTo(500);
        assertThat(r.size).isEqualTo(500);
        assertThat(r.capacity).isEqualTo(table.length);
        assertThat(r.problems).isEmpty();
        assertThat(r.bins).hasSize(table.length);
        for (LayoutReport.Chain bin : r.bins) {
            for (LayoutReport.Entry e : bin.entries) {
                assertThat((e.hash & 0x7FFFFFFF) % table.length).isEqualTo(bin.index);
            }
        }
    }

    @Test
    void weakHashMapShowsTheNullKeyAndCountsClearedEntries() {
        WeakHashMap<Object, String> map = new WeakHashMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        map.put(null, "for null");
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        Object keptEntry = null;
        for (Object head : table) {
            for (Object e = head; e != null; e = ReflectHeap.get(e, "next")) {
                if (((java.lang.ref.Reference<?>) e).get() == kept) {
                    keptEntry = e;
                }
            }
        }
        ((java.lang.ref.Reference<?>) keptEntry).clear(); // as the collector would: stale until expunged

        LayoutReport r = ChainedLayouts.weakHashMap(heap, map, ALL_BINS, Progress.NONE);
        assertThat(r.layout).isEqualTo("WeakHashMap");
        assertThat(r.entries).isEqualTo(2);
        assertThat(r.problems).isEmpty();
        assertThat(r.bins).flatExtracting(c -> c.entries).extracting(e -> e.key + "=" + e.value)
                .containsExactlyInAnyOrder("(cleared)=\"kept\"", "null=\"for null\"");
    }
}
