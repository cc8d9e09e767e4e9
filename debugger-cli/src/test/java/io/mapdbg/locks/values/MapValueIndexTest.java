package io.mapdbg.locks.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.inspect.HeapObject;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The walk over map layouts, on a hand-built heap: chains, CHM TreeBins and special nodes, pairs, bounds, chunks. */
class MapValueIndexTest {
    private static final AtomicInteger IDS = new AtomicInteger(1);
    private static int widestRead;

    /** An object of a fake heap: a class hierarchy, named fields, or array elements. */
    private static final class Fake implements HeapObject {
        final long id = IDS.getAndIncrement();
        final List<String> hierarchy;
        final Map<String, Object> fields;
        final Object[] elements;

        Fake(List<String> hierarchy, Map<String, Object> fields, Object[] elements) {
            this.hierarchy = hierarchy;
            this.fields = fields;
            this.elements = elements;
        }

        @Override public long id() { return id; }
        @Override public String className() { return hierarchy.get(0); }
        @Override public List<String> classHierarchy() { return hierarchy; }

        @Override
        public Map<String, Object> read(String declaringClass, String... names) {
            Map<String, Object> out = new java.util.HashMap<>();
            for (String n : names) {
                if (fields.containsKey(n)) {
                    out.put(n, fields.get(n));
                }
            }
            return out;
        }

        @Override public int arrayLength() { return elements.length; }

        @Override
        public List<Object> arrayRange(int from, int count) {
            widestRead = Math.max(widestRead, count);
            return Arrays.asList(elements).subList(from, from + count);
        }

        @Override
        public String preview(int maxChars) {
            return className().equals("java.lang.String") ? "\"" + fields.get("text") + "\"" : "Obj@" + id;
        }
    }

    private static Fake string(String s) {
        return new Fake(List.of("java.lang.String"), Map.of("text", s), null);
    }

    private static Fake object(String cls) {
        return new Fake(List.of(cls, "java.lang.Object"), Map.of(), null);
    }

    private static Fake node(String cls, int hash, Object key, String valueField, Object value, Object next) {
        Map<String, Object> f = new java.util.HashMap<>();
        f.put("hash", hash);
        f.put("key", key);
        f.put(valueField, value);
        f.put("next", next);
        return new Fake(List.of(cls, "java.lang.Object"), f, null);
    }

    private static Fake map(String cls, String sizeField, long size, Object[] table) {
        Fake array = new Fake(List.of("Object[]"), Map.of(), table);
        return new Fake(List.of(cls, "java.util.AbstractMap", "java.lang.Object"),
                Map.of("table", array, sizeField, size), null);
    }

    private static MapValueIndex.Candidate candidate(Fake map) {
        return new MapValueIndex.Candidate(map, map.className(), "com.acme.Orders.BY_ID");
    }

    @Test
    void chainsTreeBinsAndPairsAreIndexedAndSpecialNodesSkipped() {
        Fake latchA = object("java.util.concurrent.CountDownLatch");
        Fake latchB = object("java.util.concurrent.CountDownLatch");
        Fake second = node("java.util.HashMap$Node", 17, string("order-2"), "value", latchB, null);
        Fake first = node("java.util.HashMap$Node", 1, string("order-1"), "value", latchA, second);
        Fake hashMap = map("java.util.HashMap", "size", 2, new Object[] {null, first, null, null});

        Fake treeValue = object("java.util.concurrent.Semaphore");
        Fake treeNode = node("java.util.concurrent.ConcurrentHashMap$TreeNode", 3, string("permit-3"), "val", treeValue, null);
        Map<String, Object> binFields = new java.util.HashMap<>();
        binFields.put("hash", -2);
        binFields.put("first", treeNode);
        Fake treeBin = new Fake(List.of("java.util.concurrent.ConcurrentHashMap$TreeBin"), binFields, null);
        Fake forwarding = node("java.util.concurrent.ConcurrentHashMap$ForwardingNode", -1, null, "val", object("x.Y"), null);
        Fake chm = new Fake(List.of("java.util.concurrent.ConcurrentHashMap", "java.lang.Object"),
                Map.of("table", new Fake(List.of("Node[]"), Map.of(), new Object[] {treeBin, forwarding}), "baseCount", 1L), null);

        Fake future = object("java.util.concurrent.CompletableFuture");
        Fake identity = map("java.util.IdentityHashMap", "size", 1, new Object[] {null, null, string("q"), future});

        MapValueIndex index = MapValueIndex.build(List.of(candidate(hashMap), candidate(chm), candidate(identity)), 1000, 1000);

        assertThat(index.find(latchA.id()).entry()).isEqualTo(new MapEntryRef(
                new MapRef(hashMap.id(), "java.util.HashMap", "com.acme.Orders.BY_ID"), "order-1"));
        assertThat(index.find(latchB.id()).entry().key()).isEqualTo("order-2");
        assertThat(index.find(latchB.id()).stringKey()).isTrue();
        assertThat(index.find(treeValue.id()).entry().key()).isEqualTo("permit-3");
        assertThat(index.find(future.id()).entry().key()).isEqualTo("q");
        assertThat(index.mapsWalked()).isEqualTo(3);
        assertThat(index.entriesWalked()).as("ForwardingNode is no entry").isEqualTo(4);
        assertThat(index.notes()).isEmpty();
    }

    @Test
    void aMapOverTheBoundIsSkippedAndSaidSo() {
        Fake value = object("java.util.concurrent.CountDownLatch");
        Fake big = map("java.util.HashMap", "size", 200_000,
                new Object[] {node("java.util.HashMap$Node", 0, string("k"), "value", value, null)});
        MapValueIndex index = MapValueIndex.build(List.of(candidate(big)), 100_000, 1_000_000);
        assertThat(index.find(value.id())).isNull();
        assertThat(index.notes()).singleElement().asString().contains("200000 entries", "not walked");
    }

    @Test
    void aLargeTableIsReadInChunksOfAtMost16384() {
        Object[] table = new Object[40_000];
        Fake value = object("java.util.concurrent.Semaphore");
        table[39_999] = node("java.util.Hashtable$Entry", 7, object("com.acme.Key"), "value", value, null);
        List<MapValueIndex.Candidate> candidates = new ArrayList<>();
        Fake hashtable = map("java.util.Hashtable", "count", 1, table);
        candidates.add(candidate(hashtable));
        widestRead = 0;
        MapValueIndex index = MapValueIndex.build(candidates, 100_000, 1_000_000);
        assertThat(widestRead).isEqualTo(16_384);
        assertThat(index.find(value.id()).entry().key()).startsWith("Obj@");
        assertThat(index.find(value.id()).stringKey()).isFalse();
    }

    @Test
    void aCycleInACorruptChainEnds() {
        Fake value = object("java.util.concurrent.Phaser");
        Map<String, Object> f = new java.util.HashMap<>();
        f.put("hash", 0);
        f.put("key", string("loop"));
        f.put("value", value);
        Fake self = new Fake(List.of("java.util.HashMap$Node"), f, null);
        f.put("next", self);
        MapValueIndex index = MapValueIndex.build(
                List.of(candidate(map("java.util.HashMap", "size", 1, new Object[] {self}))), 100, 100);
        assertThat(index.entriesWalked()).isEqualTo(1);
        assertThat(index.find(value.id()).entry().key()).isEqualTo("loop");
    }
}
