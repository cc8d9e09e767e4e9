package io.mapdbg.agent.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The agent's walks over real in-process maps, healthy and corrupted by reflection, against what each map holds. */
class LayoutsTest {
    private static final Options ALL = new Options(0, 5, 8, 60, -1, -1);

    /** A key with a chosen hash; Comparable so that tree bins order it. */
    record Key(String name, int hash) implements Comparable<Key> {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Key o) {
            return name.compareTo(o.name);
        }
    }

    @Test
    void hashMapChainHistogramAndLongestBinAreWhatTheMapHolds() {
        HashMap<Object, String> map = new HashMap<>(16);
        for (int i = 0; i < 6; i++) {
            map.put(new Key("c" + i, 5), "v" + i);
        }
        map.put("solo", "s");
        LayoutResult r = Layouts.walk(map, "T.MAP", ALL);
        Object[] table = (Object[]) read(HashMap.class, "table", map);
        assertThat(r.report.capacity).isEqualTo(table.length);
        assertThat(r.report.size).isEqualTo(7);
        assertThat(r.report.entries).isEqualTo(7);
        assertThat(r.report.longestBin.index).isEqualTo(5);
        assertThat(r.report.longestBin.length).isEqualTo(6);
        assertThat(r.report.longestBin.kind).isEqualTo("chain");
        assertThat(r.report.histogram).containsEntry(6, 1).containsEntry(1, 1).containsEntry(0, table.length - 2);
        assertThat(r.report.longestChains.get(0).entries).hasSize(6);
        assertThat(r.report.longestChains.get(0).entries.get(0).key).isEqualTo("LayoutsTest$Key{name=\"c0\", hash=5}");
        assertThat(r.report.problems).isEmpty();
        assertThat(r.report.complete).isTrue();
        assertThat(r.path).isEqualTo("T.MAP");
    }

    @Test
    void aCycleInAChainIsReportedAndTheWalkEnds() {
        HashMap<Object, String> map = new HashMap<>(16);
        for (int i = 0; i < 3; i++) {
            map.put(new Key("c" + i, 7), "v" + i);
        }
        Object[] table = (Object[]) read(HashMap.class, "table", map);
        Object head = table[7];
        Object last = read(head.getClass(), "next", read(head.getClass(), "next", head));
        write(head.getClass(), "next", last, head);
        LayoutResult r = Layouts.walk(map, null, ALL);
        assertThat(kinds(r.report.problems)).contains("cycle");
        assertThat(r.report.entries).isEqualTo(3);
    }

    @Test
    void anEntryInTheWrongBinIsReported() {
        HashMap<Object, String> map = new HashMap<>(16);
        map.put(new Key("a", 3), "x");
        Object[] table = (Object[]) read(HashMap.class, "table", map);
        table[4] = table[3];
        table[3] = null;
        LayoutResult r = Layouts.walk(map, null, ALL);
        assertThat(kinds(r.report.problems)).containsExactly("wrong-bin");
        assertThat(r.report.problems.get(0).message).contains("is in bin 4, expected bin 3");
    }

    @Test
    void chmTreeBinAndBrokenTreeLinks() {
        ConcurrentHashMap<Object, String> map = new ConcurrentHashMap<>(64);
        for (int i = 0; i < 12; i++) {
            map.put(new Key("t" + (char) ('a' + i), 0x21), "v" + i);
        }
        LayoutResult r = Layouts.walk(map, null, ALL);
        assertThat(r.report.treeBins).isEqualTo(1);
        assertThat(r.report.longestBin.kind).isEqualTo("tree");
        assertThat(r.report.concurrent.treeBinLocks).hasSize(1);
        assertThat(r.report.problems).isEmpty();
        Object[] table = (Object[]) read(ConcurrentHashMap.class, "table", map);
        Object treeBin = table[0x21 & (table.length - 1)];
        Object root = read(treeBin.getClass(), "root", treeBin);
        Object left = read(root.getClass(), "left", root);
        write(root.getClass(), "parent", left, null);
        LayoutResult broken = Layouts.walk(map, null, ALL);
        assertThat(kinds(broken.report.problems)).containsExactly("tree-links");
    }

    @Test
    void wrappersComeOffAndThePathFollowsTheField() {
        Map<String, String> sync = Collections.synchronizedMap(new Hashtable<>());
        sync.put("a", "b");
        LayoutResult r = Layouts.walk(sync, "T.SYNC", ALL);
        assertThat(r.wrapper).isEqualTo("java.util.Collections$SynchronizedMap");
        assertThat(r.className).isEqualTo("java.util.Hashtable");
        assertThat(r.path).isEqualTo("T.SYNC.m");
        assertThat(r.report.layout).isEqualTo("Hashtable");
    }

    @Test
    void aBoundedWalkCountsNonEmptyBinsExactly() {
        HashMap<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            map.put("k" + i, i);
        }
        LayoutResult all = Layouts.walk(map, null, ALL);
        LayoutResult bounded = Layouts.walk(map, null, new Options(100, 5, 8, 60, -1, -1));
        assertThat(bounded.report.sampled).isTrue();
        assertThat(bounded.report.nonEmptyBins).isEqualTo(all.report.nonEmptyBins);
        assertThat(bounded.report.entries).isBetween(100L, 110L);
        assertThat(bounded.report.problems).isEmpty();
    }

    private static List<String> kinds(List<io.mapdbg.layouts.LayoutReport.Problem> problems) {
        return problems.stream().map(p -> p.kind).toList();
    }

    private static Object read(Class<?> c, String name, Object o) {
        try {
            Field f = field(c, name);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Class<?> c, String name, Object o, Object value) {
        try {
            field(c, name).set(o, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
