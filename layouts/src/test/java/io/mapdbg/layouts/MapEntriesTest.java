package io.mapdbg.layouts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry visitor over each layout (live maps through the fake heap), its bound, and its guards. */
class MapEntriesTest {
    private final ReflectHeap heap = new ReflectHeap();

    /** Every entry as "key=value" (KeyMarks by their text), as the visitor saw them. */
    private List<String> entries(Object map, long max) {
        List<String> seen = new ArrayList<>();
        MapEntries.visit(heap, MapLayouts.resolve(heap, map, null), max, (key, value) -> {
            seen.add((key instanceof KeyMark k ? k.text : String.valueOf(key)) + "=" + value);
            return true;
        });
        return seen;
    }

    private static List<String> truth(Map<?, ?> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    @Test
    void everyLayoutHandsOverExactlyItsEntries() {
        Map<Object, Object> hash = new LinkedHashMap<>();
        Map<Object, Object> chm = new ConcurrentHashMap<>();
        Map<Object, Object> table = new Hashtable<>();
        for (int i = 0; i < 300; i++) {
            hash.put("k" + i, i);
            chm.put("k" + i, i);
            table.put(i * 7, "v" + i);
        }
        hash.put(null, "n");
        for (int i = 0; i < 12; i++) { // tree bins in both: colliding keys in a table of 512
            hash.put(new HashMapLayoutTest.Collider(i), i);
            chm.put(new HashMapLayoutTest.Collider(i), i);
        }
        assertThat(entries(hash, 0)).containsExactlyInAnyOrderElementsOf(truth(hash));
        assertThat(entries(chm, 0)).containsExactlyInAnyOrderElementsOf(truth(chm));
        assertThat(entries(table, 0)).containsExactlyInAnyOrderElementsOf(truth(table));
        assertThat(entries(java.util.Collections.synchronizedMap(hash), 0)).hasSize(hash.size());
    }

    @Test
    void nullAndClearedKeysAreMarked() {
        IdentityHashMap<Object, Object> identity = new IdentityHashMap<>();
        identity.put(null, "for null");
        identity.put("a", 1);
        assertThat(entries(identity, 0)).containsExactlyInAnyOrder("null=for null", "a=1");
        WeakHashMap<Object, Object> weak = new WeakHashMap<>();
        Object kept = new Object();
        weak.put(kept, "kept");
        weak.put(null, "for null");
        for (Object head : (Object[]) ReflectHeap.get(weak, "table")) {
            for (Object e = head; e != null; e = ReflectHeap.get(e, "next")) {
                if (((java.lang.ref.Reference<?>) e).get() == kept) {
                    ((java.lang.ref.Reference<?>) e).clear();
                }
            }
        }
        assertThat(entries(weak, 0)).containsExactlyInAnyOrder("(cleared)=kept", "null=for null");
    }

    @Test
    void theBoundAndTheVisitorStopTheWalk() {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            map.put(i, i);
        }
        assertThat(entries(map, 10)).hasSize(10);
        int[] told = {0};
        MapEntries.Result r = MapEntries.visit(heap, MapLayouts.resolve(heap, map, null), 0,
                (k, v) -> ++told[0] < 3);
        assertThat(told[0]).isEqualTo(3);
        assertThat(r.stopped).isTrue();
        assertThat(r.entries).isEqualTo(3);
        assertThat(MapEntries.size(heap, MapLayouts.resolve(heap, map, null))).isEqualTo(1000);
    }

    @Test
    void aCycleEndsItsChainAndIsReported() {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(i, i);
        }
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        ReflectHeap.set(table[5], "next", table[5]);
        List<String> seen = entries(map, 0);
        assertThat(seen).hasSize(100).contains("5=5");
        MapEntries.Result r = MapEntries.visit(heap, MapLayouts.resolve(heap, map, null), 0, (k, v) -> true);
        assertThat(r.problems).extracting(p -> p.kind).containsExactly("cycle");
        assertThat(r.stopped).isFalse();
    }

    @Test
    void binsOfAHashCodeAreWhereEachMapPutTheKey() {
        for (int round = 0; round < 200; round++) {
            String key = "key-" + round * 7919;
            HashMap<String, Integer> hash = new HashMap<>(Map.of(key, 1));
            ConcurrentHashMap<String, Integer> chm = new ConcurrentHashMap<>(Map.of(key, 1));
            Hashtable<String, Integer> table = new Hashtable<>(Map.of(key, 1));
            WeakHashMap<String, Integer> weak = new WeakHashMap<>(Map.of(key, 1));
            assertThat(Bins.ofHashCode(MapLayouts.Kind.HASH_MAP, key.hashCode(), length(hash))).isEqualTo(binOf(hash));
            assertThat(Bins.ofHashCode(MapLayouts.Kind.CONCURRENT, key.hashCode(), length(chm))).isEqualTo(binOf(chm));
            assertThat(Bins.ofHashCode(MapLayouts.Kind.HASHTABLE, key.hashCode(), length(table))).isEqualTo(binOf(table));
            assertThat(Bins.ofHashCode(MapLayouts.Kind.WEAK, key.hashCode(), length(weak))).isEqualTo(binOf(weak));
            IdentityHashMap<String, Integer> identity = new IdentityHashMap<>(Map.of(key, 1));
            int slot = Bins.ofHashCode(MapLayouts.Kind.IDENTITY, System.identityHashCode(key), length(identity));
            Object[] slots = (Object[]) ReflectHeap.get(identity, "table");
            assertThat(slots[slot]).isSameAs(key); // alone in the map: no probing moved it
        }
    }

    private static int length(Object map) {
        return ((Object[]) ReflectHeap.get(map, "table")).length;
    }

    private static int binOf(Object map) {
        Object[] table = (Object[]) ReflectHeap.get(map, "table");
        for (int i = 0; i < table.length; i++) {
            if (table[i] != null) {
                return i;
            }
        }
        return -1;
    }
}
