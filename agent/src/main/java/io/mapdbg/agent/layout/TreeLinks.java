package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;

/** A red-black tree bin against its next-chain: the tree from root must reach exactly the chain's nodes. */
final class TreeLinks {
    private TreeLinks() {
    }

    static String check(Object root, List<Object> chain, Field parentField, Field leftField, Field rightField) {
        IdentityHashMap<Object, Boolean> inChain = new IdentityHashMap<Object, Boolean>();
        for (Object node : chain) {
            inChain.put(node, Boolean.TRUE);
        }
        if (root == null) {
            return chain.isEmpty() ? null : "tree has no root but its chain holds " + chain.size() + " nodes";
        }
        if (!inChain.containsKey(root)) {
            return "root " + at(root) + " is not in the bin's next-chain";
        }
        if (Reflect.get(parentField, root) != null) {
            return "root " + at(root) + " has a parent";
        }
        IdentityHashMap<Object, Boolean> reached = new IdentityHashMap<Object, Boolean>();
        reached.put(root, Boolean.TRUE);
        Deque<Object> pending = new ArrayDeque<Object>();
        pending.push(root);
        Field[] sides = {leftField, rightField};
        String[] names = {"left", "right"};
        while (!pending.isEmpty()) {
            Object parent = pending.pop();
            for (int s = 0; s < 2; s++) {
                Object child = Reflect.get(sides[s], parent);
                if (child == null) {
                    continue;
                }
                if (!inChain.containsKey(child)) {
                    return names[s] + " of " + at(parent) + " is " + at(child) + ", which is not in the next-chain";
                }
                if (reached.put(child, Boolean.TRUE) != null) {
                    return "node " + at(child) + " is reached twice in the tree";
                }
                Object childParent = Reflect.get(parentField, child);
                if (childParent != parent) {
                    return "parent of " + at(child) + " is " + (childParent == null ? "null" : at(childParent))
                            + ", expected " + at(parent);
                }
                pending.push(child);
            }
        }
        if (reached.size() != inChain.size()) {
            return "tree reaches " + reached.size() + " of the " + inChain.size() + " nodes in the next-chain";
        }
        return null;
    }

    private static String at(Object o) {
        return "@" + ObjectIds.get().idOf(o);
    }
}
