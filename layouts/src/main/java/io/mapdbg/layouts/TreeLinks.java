package io.mapdbg.layouts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A red-black tree bin against its next-chain, from the links read during the chain's walk (no further reads):
 * the tree from root by left/right must reach exactly the nodes of the chain, and every parent link agrees.
 */
final class TreeLinks {
    private TreeLinks() {
    }

    /** Checks the tree bin the walker just walked (unless its walk was cut short); a fault is a tree-links problem. */
    static <O> void report(Heap<O> heap, O root, ChainWalk<O> walker, int bin, Tally<O> tally) {
        if (walker.cut) {
            return;
        }
        try {
            String fault = check(heap, root, walker.nodes, walker.parents, walker.lefts, walker.rights);
            if (fault != null) {
                tally.problem("tree-links", bin, "tree bin " + bin + ": " + fault);
            }
        } catch (RuntimeException e) {
            tally.problem("tree-links", bin, "tree bin " + bin + ": " + e.getMessage());
        }
    }

    /** Null when the tree links up, else a one-line description of the first fault found. */
    static <O> String check(Heap<O> heap, O root, List<O> chain, List<O> parents, List<O> lefts, List<O> rights) {
        Map<O, Integer> inChain = heap.identityMap();
        for (int i = 0; i < chain.size(); i++) {
            inChain.put(chain.get(i), i);
        }
        if (root == null) {
            return chain.isEmpty() ? null : "tree has no root but its chain holds " + chain.size() + " nodes";
        }
        Integer rootAt = inChain.get(root);
        if (rootAt == null) {
            return "root " + at(heap, root) + " is not in the bin's next-chain";
        }
        if (parents.get(rootAt) != null) {
            return "root " + at(heap, root) + " has a parent";
        }
        Map<O, Boolean> reached = heap.identityMap();
        reached.put(root, Boolean.TRUE);
        Deque<Integer> pending = new ArrayDeque<Integer>();
        pending.push(rootAt);
        String[] names = {"left", "right"};
        while (!pending.isEmpty()) {
            int parent = pending.pop();
            O parentNode = chain.get(parent);
            for (int s = 0; s < 2; s++) {
                O child = s == 0 ? lefts.get(parent) : rights.get(parent);
                if (child == null) {
                    continue;
                }
                Integer childAt = inChain.get(child);
                if (childAt == null) {
                    return names[s] + " of " + at(heap, parentNode) + " is " + at(heap, child)
                            + ", which is not in the next-chain";
                }
                if (reached.put(child, Boolean.TRUE) != null) {
                    return "node " + at(heap, child) + " is reached twice in the tree";
                }
                O childParent = parents.get(childAt);
                if (childParent == null || !heap.same(childParent, parentNode)) {
                    return "parent of " + at(heap, child) + " is " + (childParent == null ? "null" : at(heap, childParent))
                            + ", expected " + at(heap, parentNode);
                }
                pending.push(childAt);
            }
        }
        if (reached.size() != inChain.size()) {
            return "tree reaches " + reached.size() + " of the " + inChain.size() + " nodes in the next-chain";
        }
        return null;
    }

    private static <O> String at(Heap<O> heap, O o) {
        return "@" + heap.id(o);
    }
}
