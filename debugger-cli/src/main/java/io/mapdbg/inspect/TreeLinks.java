package io.mapdbg.inspect;

import io.mapdbg.inspect.NodeChain.Node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a red-black tree bin against its next-chain, using only the fields already read (no requests):
 * the tree from root by left/right must reach exactly the nodes of the chain, and every parent link agrees.
 */
final class TreeLinks {

    private TreeLinks() {
    }

    /** Null when the tree links up, else a one-line description of the first fault found. */
    static String check(HeapObject root, List<Node> chain) {
        Map<Long, Node> byId = new HashMap<>();
        for (Node node : chain) {
            byId.put(node.self().id(), node);
        }
        if (root == null) {
            return chain.isEmpty() ? null : "tree has no root but its chain holds " + chain.size() + " nodes";
        }
        Node rootNode = byId.get(root.id());
        if (rootNode == null) {
            return "root @" + root.id() + " is not in the bin's next-chain";
        }
        if (rootNode.fields().get("parent") != null) {
            return "root @" + root.id() + " has a parent";
        }
        Set<Long> reached = new HashSet<>();
        reached.add(root.id());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(rootNode);
        while (!pending.isEmpty()) {
            Node parent = pending.pop();
            for (String side : new String[] {"left", "right"}) {
                HeapObject child = NodeChain.object(parent.fields().get(side));
                if (child == null) {
                    continue;
                }
                Node childNode = byId.get(child.id());
                if (childNode == null) {
                    return side + " of @" + parent.self().id() + " is @" + child.id() + ", which is not in the next-chain";
                }
                if (!reached.add(child.id())) {
                    return "node @" + child.id() + " is reached twice in the tree";
                }
                HeapObject childParent = NodeChain.object(childNode.fields().get("parent"));
                if (childParent == null || childParent.id() != parent.self().id()) {
                    return "parent of @" + child.id() + " is " + (childParent == null ? "null" : "@" + childParent.id())
                            + ", expected @" + parent.self().id();
                }
                pending.push(childNode);
            }
        }
        if (reached.size() != byId.size()) {
            return "tree reaches " + reached.size() + " of the " + byId.size() + " nodes in the next-chain";
        }
        return null;
    }
}
