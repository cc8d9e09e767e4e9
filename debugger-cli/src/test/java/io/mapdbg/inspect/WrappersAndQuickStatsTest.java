package io.mapdbg.inspect;

import io.mapdbg.model.BucketLayout;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class WrappersAndQuickStatsTest {

    private final ReflectiveHeapObject.Heap heap = new ReflectiveHeapObject.Heap();

    @Test
    void synchronizedMapUnwrapsToItsInnerMap() {
        Map<String, Integer> inner = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            inner.put("s" + i, i);
        }
        Map<String, Integer> wrapped = Collections.synchronizedMap(inner);
        HeapObject innerObject = heap.wrap(inner);

        BucketLayout layout = MapLayouts.decode(heap.wrap(wrapped), "com.acme.Svc.CACHE", WalkOptions.defaults(), WalkProgress.NONE);

        HashMapLayoutTest.assertMatchesTable(layout, inner);
        assertThat(layout.wrapper()).isEqualTo("java.util.Collections$SynchronizedMap");
        assertThat(layout.map().id()).isEqualTo(innerObject.id());
        assertThat(layout.map().className()).isEqualTo("java.util.HashMap");
        assertThat(layout.map().path()).isEqualTo("com.acme.Svc.CACHE.m");
    }

    @Test
    void nestedWrappersKeepTheOutermostNameAndThePath() {
        Map<String, Integer> inner = new ConcurrentHashMap<>(Map.of("a", 1));
        Map<String, Integer> wrapped = Collections.unmodifiableMap(Collections.synchronizedSortedMap(new java.util.TreeMap<>()));
        Map<String, Integer> wrappedHash = Collections.unmodifiableMap(Collections.synchronizedMap(inner));

        BucketLayout layout = MapLayouts.decode(heap.wrap(wrappedHash), "X.F", WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.wrapper()).isEqualTo("java.util.Collections$UnmodifiableMap");
        assertThat(layout.map().path()).isEqualTo("X.F.m.m");
        assertThat(layout.layout()).isEqualTo("ConcurrentHashMap");
        assertThat(layout.entries()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> MapLayouts.decode(heap.wrap(wrapped), null, WalkOptions.defaults(), WalkProgress.NONE))
                .isInstanceOf(NotAHashMapException.class).hasMessageContaining("TreeMap");
    }

    @Test
    void propertiesDecodeTheirConcurrentHashMap() {
        Properties properties = new Properties();
        for (int i = 0; i < 15; i++) {
            properties.setProperty("p" + i, "v" + i);
        }
        Object inner = Heaps.get(properties, "map");

        BucketLayout layout = MapLayouts.decode(heap.wrap(properties), null, WalkOptions.defaults(), WalkProgress.NONE);

        assertThat(layout.wrapper()).isEqualTo("java.util.Properties");
        assertThat(layout.layout()).isEqualTo("ConcurrentHashMap");
        assertThat(layout.map().id()).isEqualTo(heap.wrap(inner).id());
        assertThat(layout.size()).isEqualTo(15);
        assertThat(layout.entries()).isEqualTo(15);
        assertThat(layout.integrity().ok()).isTrue();
    }

    @Test
    void quickStatsForEveryFamilyInOneReadAndOneLength() {
        Map<String, Integer> hash = new HashMap<>();
        Map<String, Integer> table = new Hashtable<>();
        Map<String, Integer> weak = new WeakHashMap<>();
        Map<String, Integer> identity = new IdentityHashMap<>();
        Map<String, Integer> concurrent = new ConcurrentHashMap<>();
        String[] keys = new String[300];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "q" + i;
            for (Map<String, Integer> m : java.util.List.of(hash, table, weak, identity, concurrent)) {
                m.put(keys[i], i);
            }
        }
        for (Map<String, Integer> m : java.util.List.of(hash, table, weak, identity, concurrent)) {
            Object[] raw = Heaps.table(m);
            int stride = m instanceof IdentityHashMap ? 2 : 1;
            int nonEmpty = 0;
            for (int i = 0; i < raw.length; i += stride) {
                nonEmpty += raw[i] != null ? 1 : 0;
            }
            heap.resetCalls();
            MapLayouts.QuickStats stats = MapLayouts.quickStats(heap.wrap(m), false);
            assertThat(stats.size()).as(m.getClass().getName()).isEqualTo(300);
            assertThat(stats.capacity()).as(m.getClass().getName()).isEqualTo(raw.length / stride);
            assertThat(stats.nonEmptyBins()).isNull();
            assertThat(heap.calls("read")).as(m.getClass().getName()).isEqualTo(1);
            assertThat(heap.calls("arrayLength")).isEqualTo(1);
            assertThat(heap.calls("arrayRange")).isZero();

            MapLayouts.QuickStats counted = MapLayouts.quickStats(heap.wrap(m), true);
            assertThat(counted.nonEmptyBins()).as(m.getClass().getName()).isEqualTo(nonEmpty);
        }
        assertThat(keys).hasSize(300); // keeps the weak keys reachable until here
    }

    @Test
    void quickStatsUnwrapsAndHandlesAnEmptyTable() {
        Map<String, Integer> inner = new HashMap<>();
        HeapObject innerObject = heap.wrap(inner);
        MapLayouts.QuickStats empty = MapLayouts.quickStats(heap.wrap(Collections.synchronizedMap(inner)), true);
        assertThat(empty.size()).isZero();
        assertThat(empty.capacity()).isZero();
        assertThat(empty.nonEmptyBins()).isZero();
        assertThat(empty.inner().id()).isEqualTo(innerObject.id());

        Properties properties = new Properties();
        properties.setProperty("a", "b");
        MapLayouts.QuickStats props = MapLayouts.quickStats(heap.wrap(properties), false);
        assertThat(props.size()).isEqualTo(1);
        assertThat(props.capacity()).isEqualTo(Heaps.table(Heaps.get(properties, "map")).length);
    }
}
