package io.mapdbg.inspect;

import io.mapdbg.layouts.LayoutReport;
import io.mapdbg.layouts.TreeMapLayout;
import io.mapdbg.model.Problem;
import io.mapdbg.model.TreeCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * What a race has broken in a TreeMap, by the shared rules ({@link TreeMapLayout}: size, cycles, tree links,
 * red-black, key order), read through {@link HeapObject}: over JDWP, over the agent's snapshot, or over plain
 * objects.
 */
public final class TreeMapCheck {
    public static final String TREE_MAP = TreeMapLayout.TREE_MAP;

    private TreeMapCheck() {
    }

    /** Checks map (a TreeMap or subclass), walking at most maxNodes nodes. */
    public static TreeCheck check(HeapObject map, long maxNodes) {
        TreeMapLayout.Report r = TreeMapLayout.check(new ObjectHeap(map), map, maxNodes);
        List<Problem> problems = new ArrayList<>(r.problems.size());
        for (LayoutReport.Problem p : r.problems) {
            problems.add(new Problem(p.kind, p.bin, p.message));
        }
        return new TreeCheck(r.size, r.walked, List.copyOf(problems), r.complete);
    }
}
