package io.mapdbg.layouts;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The TreeMap check over the fake heap: a sound tree, then the faults a race leaves. */
class TreeMapLayoutTest {
    private final ReflectHeap heap = new ReflectHeap();

    private static TreeMap<Integer, String> tree() {
        TreeMap<Integer, String> map = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(i, "v" + i);
        }
        return map;
    }

    @Test
    void aSoundTreeHasNoProblemAndEveryNodeWalked() {
        TreeMapLayout.Report r = TreeMapLayout.check(heap, tree(), 1000);
        assertThat(r.size).isEqualTo(100);
        assertThat(r.walked).isEqualTo(100);
        assertThat(r.complete).isTrue();
        assertThat(r.problems).isEmpty();
    }

    @Test
    void swappedChildrenBreakTheOrderAndAWrongParentBreaksTheLinks() {
        TreeMap<Integer, String> map = tree();
        Object root = ReflectHeap.get(map, "root");
        Object left = ReflectHeap.get(root, "left");
        Object right = ReflectHeap.get(root, "right");
        ReflectHeap.set(root, "left", right);
        ReflectHeap.set(root, "right", left);
        ReflectHeap.set(ReflectHeap.get(left, "left"), "parent", root); // hangs under left, names the root
        TreeMapLayout.Report r = TreeMapLayout.check(heap, map, 1000);
        assertThat(r.problems).extracting(p -> p.kind).contains("order", "tree-links");
        assertThat(r.walked).isEqualTo(100);
    }

    @Test
    void aBoundStopsTheWalkAndSaysIncomplete() {
        TreeMapLayout.Report r = TreeMapLayout.check(heap, tree(), 10);
        assertThat(r.walked).isEqualTo(10);
        assertThat(r.complete).isFalse();
        assertThat(r.problems).isEmpty(); // no size check on a part
    }
}
