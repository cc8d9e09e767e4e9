package io.mapdbg.inspect;

import io.mapdbg.model.Problem;
import io.mapdbg.model.TreeCheck;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Comparator;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The TreeMap integrity check over real trees, healthy and broken by reflection the ways races break them. */
class TreeMapCheckTest {
    private final TreeMap<Integer, String> tree = new TreeMap<>();

    TreeMapCheckTest() {
        for (int i = 0; i < 100; i++) {
            tree.put(i, "v" + i);
        }
    }

    @Test
    void aHealthyTreeHasNoProblemsAndEveryNodeIsWalked() {
        TreeCheck c = check(tree);
        assertThat(c.problems()).isEmpty();
        assertThat(c.walked()).isEqualTo(tree.size());
        assertThat(c.complete()).isTrue();
        TreeMap<String, Integer> strings = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            strings.put("key-" + i, i);
        }
        assertThat(check(strings).problems()).isEmpty();
    }

    @Test
    void aSizeFieldOffFromTheTreeIsASizeMismatch() throws Exception {
        set(tree, "size", tree.size() + 3);
        assertThat(kinds(check(tree))).containsExactly("size-mismatch");
    }

    @Test
    void aChildWhoseParentLinkPointsElsewhereIsTreeLinks() throws Exception {
        Object root = get(tree, "root");
        Object left = get(root, "left");
        set(get(left, "left"), "parent", root);
        assertThat(kinds(check(tree))).containsExactly("tree-links");
    }

    @Test
    void aLinkBackUpTheTreeIsACycleAndTheWalkStillEnds() throws Exception {
        Object root = get(tree, "root");
        Object node = root;
        while (get(node, "right") != null) {
            node = get(node, "right");
        }
        set(node, "right", root); // the largest key's right leads back to the root
        TreeCheck c = check(tree);
        assertThat(kinds(c)).contains("cycle");
        assertThat(c.walked()).isEqualTo(tree.size());
    }

    @Test
    void keysOnTheWrongSideAndRedUnderRedAreFound() throws Exception {
        Object root = get(tree, "root");
        set(get(root, "left"), "key", 1_000); // a left child above its parent
        assertThat(kinds(check(tree))).containsExactly("order");
        TreeMap<Integer, String> other = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            other.put(i, "v");
        }
        Object r = get(other, "root");
        set(r, "color", false); // a red root
        assertThat(kinds(check(other))).contains("red-black");
    }

    @Test
    void withAComparatorKeysAreNotCompared() throws Exception {
        TreeMap<Integer, String> reversed = new TreeMap<>(Comparator.reverseOrder());
        for (int i = 0; i < 20; i++) {
            reversed.put(i, "v");
        }
        assertThat(check(reversed).problems()).isEmpty();
    }

    @Test
    void aBoundedWalkIsIncompleteAndClaimsNoSizeMismatch() {
        TreeCheck c = TreeMapCheck.check(new ReflectiveHeapObject.Heap().wrap(tree), 10);
        assertThat(c.walked()).isEqualTo(10);
        assertThat(c.complete()).isFalse();
        assertThat(c.problems()).isEmpty();
    }

    private static TreeCheck check(TreeMap<?, ?> map) {
        return TreeMapCheck.check(new ReflectiveHeapObject.Heap().wrap(map), 1_000_000);
    }

    private static java.util.List<String> kinds(TreeCheck c) {
        return c.problems().stream().map(Problem::kind).distinct().toList();
    }

    private static Object get(Object o, String name) throws Exception {
        return field(o.getClass(), name).get(o);
    }

    private static void set(Object o, String name, Object value) throws Exception {
        field(o.getClass(), name).set(o, value);
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
