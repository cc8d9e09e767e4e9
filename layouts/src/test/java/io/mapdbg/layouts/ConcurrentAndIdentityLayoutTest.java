package io.mapdbg.layouts;

import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** ConcurrentHashMap and IdentityHashMap over the fake heap, against their own tables. */
class ConcurrentAndIdentityLayoutTest {
    private final ReflectHeap heap = new ReflectHeap();
    private static final WalkBounds DEFAULTS = new WalkBounds(0, 5, 8, 60, -1, -1);

    /** Every instance collides; not Comparable. */
    record Collider(int n) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    @Test
    void concurrentHashMapTreeBinIsWalkedCheckedAndItsLockRead() {
        ConcurrentHashMap<Object, Integer> map = new ConcurrentHashMap<>(128);
        for (int i = 0; i < 12; i++) {
            map.put(new Collider(i), i);
        }
        for (int i = 0; i < 30; i++) {
            map.put(1000 + i, i);
        }
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        int treeBin = (42 ^ (42 >>> 16)) & (table.length - 1);
        LayoutReport r = ConcurrentLayout.walk(heap, map, DEFAULTS, Progress.NONE);
        assertThat(r.layout).isEqualTo("ConcurrentHashMap");
        assertThat(r.size).isEqualTo(42);
        assertThat(r.entries).isEqualTo(42);
        assertThat(r.capacity).isEqualTo(table.length);
        assertThat(r.treeBins).isEqualTo(1);
        assertThat(r.longestBin.index).isEqualTo(treeBin);
        assertThat(r.longestBin.length).isEqualTo(12);
        assertThat(r.problems).isEmpty();
        assertThat(r.concurrent.treeBinLocks).singleElement().satisfies(l -> {
            assertThat(l.bin).isEqualTo(treeBin);
            assertThat(l.lockState).isZero();
            assertThat(l.waiterThreadId).isNull();
        });
        assertThat(r.concurrent.resizing).isFalse();
        assertThat(r.concurrent.baseCount + r.concurrent.counterCellsSum).isEqualTo(42);
    }

    @Test
    void identityHashMapShowsItsNullKeyAndLongestProbeRun() {
        IdentityHashMap<Object, String> map = new IdentityHashMap<>();
        map.put(null, "for null");
        for (int i = 0; i < 20; i++) {
            map.put(new Object(), "v" + i);
        }
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < table.length * 2; i += 2) { // twice round: a run may wrap past the end
            run = table[i % table.length] == null ? 0 : run + 1;
            longestRun = Math.max(longestRun, Math.min(run, table.length / 2));
        }
        int expectedRun = longestRun;
        LayoutReport r = IdentityLayout.walk(heap, map, DEFAULTS, Progress.NONE);
        assertThat(r.layout).isEqualTo("IdentityHashMap");
        assertThat(r.entries).isEqualTo(21);
        assertThat(r.capacity).isEqualTo(table.length / 2);
        assertThat(r.problems).isEmpty();
        assertThat(r.longestChains).singleElement().satisfies(c -> {
            assertThat(c.kind).isEqualTo("probe-run");
            assertThat(c.length).isEqualTo(expectedRun);
        });
        LayoutReport all = IdentityLayout.walk(heap, map, new WalkBounds(0, 5, 8, 60, 0, table.length), Progress.NONE);
        assertThat(all.bins).flatExtracting(c -> c.entries).extracting(e -> e.key + "=" + e.value)
                .contains("null=\"for null\"");
    }
}
