package io.mapdbg.inspect;

import io.mapdbg.model.Problem;
import io.mapdbg.model.TreeCheck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a race has broken in a TreeMap, read through {@link HeapObject} (over JDWP, over the agent's snapshot, or
 * over plain objects): the red-black tree walked breadth first from the root, bounded. Problems: size-mismatch
 * (size field against the nodes the tree holds: lost or doubled entries), cycle (a node reached twice), tree-links
 * (a parent link that does not point back, a root with a parent), red-black (a red root, a red node with a red
 * child, paths with different black counts) and order (a child on the wrong side of its parent; checked only for
 * integral and string keys in natural order, as the comparisons are made here, not in the target).
 */
public final class TreeMapCheck {
    public static final String TREE_MAP = "java.util.TreeMap";
    private static final String ENTRY = "java.util.TreeMap$Entry";
    private static final int MAX_PROBLEMS = 20;
    private static final int MAX_KEY_CHARS = 200;
    private static final String[] FIELDS = {"key", "left", "right", "parent", "color"};
    private static final int BATCH = 512;
    /** Keys are compared for the first nodes only: over JDWP each key read is a round trip or two. */
    private static final long ORDER_CHECKED = 5_000;

    private final List<Problem> problems = new ArrayList<>();
    private long minBlack = Long.MAX_VALUE;
    private long maxBlack = -1;

    private TreeMapCheck() {
    }

    /** Checks map (a TreeMap or subclass), walking at most maxNodes nodes. */
    public static TreeCheck check(HeapObject map, long maxNodes) {
        return new TreeMapCheck().run(map, maxNodes);
    }

    private record Pending(HeapObject node, HeapObject parent, boolean red, long blacks, Comparable<Object> parentKey,
                           boolean left) {
    }

    private TreeCheck run(HeapObject map, long maxNodes) {
        var fields = map.read(TREE_MAP, "root", "size", "comparator");
        long size = fields.get("size") instanceof Number n ? n.longValue() : -1;
        boolean natural = fields.get("comparator") == null;
        Deque<Pending> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        if (fields.get("root") instanceof HeapObject root) {
            seen.add(root.id());
            queue.add(new Pending(root, null, false, 0, null, false));
        }
        long walked = 0;
        List<Pending> batch = new ArrayList<>();
        while (!queue.isEmpty() && walked < maxNodes) {
            // a batch from the front of the queue, its nodes read ahead together (pipelined over JDWP)
            batch.clear();
            while (!queue.isEmpty() && batch.size() < BATCH && walked + batch.size() < maxNodes) {
                batch.add(queue.poll());
            }
            List<HeapObject> nodes = batch.stream().map(Pending::node).toList();
            nodes.get(0).prefetch(nodes, ENTRY, FIELDS);
            for (Pending p : batch) {
                walked++;
                visit(p, natural && walked <= ORDER_CHECKED, queue, seen);
            }
        }
        return finish(size, walked, queue.isEmpty());
    }

    /** One node: its links, colours and key against what its parent expects; its children into the queue. */
    private void visit(Pending p, boolean ordered, Deque<Pending> queue, Set<Long> seen) {
        var node = p.node().read(ENTRY, FIELDS);
        HeapObject parent = node.get("parent") instanceof HeapObject h ? h : null;
        boolean red = Boolean.FALSE.equals(node.get("color")); // TreeMap: BLACK = true
        Comparable<Object> key = ordered ? keyOf(node.get("key")) : null;
        if (p.parent() == null) {
            if (parent != null) {
                problem("tree-links", "the root " + at(p.node()) + " has a parent, " + at(parent));
            }
            if (red) {
                problem("red-black", "the root " + at(p.node()) + " is red");
            }
        } else {
            if (parent == null || parent.id() != p.parent().id()) {
                problem("tree-links", "the parent of " + at(p.node()) + " is "
                        + (parent == null ? "null" : at(parent)) + ", but it hangs under " + at(p.parent()));
            }
            if (red && p.red()) {
                problem("red-black", "red " + at(p.node()) + " under red " + at(p.parent()));
            }
            if (key != null && p.parentKey() != null) {
                int c = key.compareTo(p.parentKey());
                if (p.left() ? c >= 0 : c <= 0) {
                    problem("order", "key " + key + " of " + at(p.node()) + " is on the " + (p.left() ? "left"
                            : "right") + " of its parent's key " + p.parentKey());
                }
            }
        }
        long blacks = p.blacks() + (red ? 0 : 1);
        for (String side : new String[] {"left", "right"}) {
            if (!(node.get(side) instanceof HeapObject child)) {
                minBlack = Math.min(minBlack, blacks);
                maxBlack = Math.max(maxBlack, blacks);
                continue;
            }
            if (!seen.add(child.id())) {
                problem("cycle", "the " + side + " link of " + at(p.node()) + " leads back to " + at(child)
                        + ", reached already");
                continue;
            }
            queue.add(new Pending(child, p.node(), red, blacks, key, side.equals("left")));
        }
    }

    private TreeCheck finish(long size, long walked, boolean complete) {
        if (complete && size >= 0 && walked != size) {
            problem("size-mismatch", "size field says " + size + " but the tree holds " + walked + " entries");
        }
        if (complete && maxBlack > minBlack) {
            problem("red-black", "paths from the root pass " + minBlack + " to " + maxBlack
                    + " black nodes (all must pass the same number)");
        }
        return new TreeCheck(size, walked, List.copyOf(problems), complete);
    }

    /** The key as something comparable here: integral boxes and strings; null for anything else. */
    @SuppressWarnings("unchecked")
    private static Comparable<Object> keyOf(Object key) {
        if (!(key instanceof HeapObject k)) {
            return key instanceof Long || key instanceof Integer ? (Comparable<Object>) (Object) ((Number) key).longValue()
                    : null;
        }
        String cls = k.className();
        String text = k.preview(MAX_KEY_CHARS + 2);
        try {
            switch (cls) {
                case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte" -> {
                    return (Comparable<Object>) (Object) Long.parseLong(text);
                }
                case "java.lang.String" -> {
                    boolean whole = text.length() >= 2 && text.length() <= MAX_KEY_CHARS && text.startsWith("\"")
                            && text.endsWith("\"") && text.indexOf('\\') < 0;
                    return whole ? (Comparable<Object>) (Object) text.substring(1, text.length() - 1) : null;
                }
                default -> {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void problem(String kind, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(kind, -1, message));
        }
    }

    private static String at(HeapObject node) {
        return "node @" + node.id();
    }
}
