package io.mapdbg.layouts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What a race has broken in a TreeMap: the red-black tree walked breadth first from the root, bounded. Problems:
 * size-mismatch (size field against the nodes the tree holds: lost or doubled entries), cycle (a node reached
 * twice), tree-links (a parent link that does not point back, a root with a parent), red-black (a red root, a red
 * node with a red child, paths with different black counts) and order (a child on the wrong side of its parent;
 * checked only for integral and string keys in natural order, as the comparisons are made here, from previews,
 * never by the keys' own compareTo).
 */
public final class TreeMapLayout {
    public static final String TREE_MAP = "java.util.TreeMap";
    static final String ENTRY = "java.util.TreeMap$Entry";
    private static final int MAX_PROBLEMS = 20;
    private static final int MAX_KEY_CHARS = 200;
    private static final String[] FIELDS = {"key", "left", "right", "parent", "color"};
    private static final int KEY = 0;
    private static final int LEFT = 1;
    private static final int RIGHT = 2;
    private static final int PARENT = 3;
    private static final int COLOR = 4;
    private static final int BATCH = 512;
    /** Keys are compared for the first nodes only: over JDWP each key read is a round trip or two. */
    private static final long ORDER_CHECKED = 5_000;

    /** The check's result: size field (-1 when unreadable), nodes walked, problems (bin -1), whole tree seen. */
    public static final class Report {
        public final long size;
        public final long walked;
        public final List<LayoutReport.Problem> problems;
        public final boolean complete;

        Report(long size, long walked, List<LayoutReport.Problem> problems, boolean complete) {
            this.size = size;
            this.walked = walked;
            this.problems = problems;
            this.complete = complete;
        }
    }

    private final Heap<Object> heap;
    private final List<LayoutReport.Problem> problems = new ArrayList<LayoutReport.Problem>();
    private long minBlack = Long.MAX_VALUE;
    private long maxBlack = -1;

    @SuppressWarnings("unchecked")
    private TreeMapLayout(Heap<?> heap) {
        this.heap = (Heap<Object>) heap;
    }

    /** Checks map (a TreeMap or subclass), walking at most maxNodes nodes. */
    public static <O> Report check(Heap<O> heap, O map, long maxNodes) {
        return new TreeMapLayout(heap).run(map, maxNodes);
    }

    /** A node waiting in the queue, with what its parent expects of it. */
    private static final class Pending {
        final Object node;
        final Object parent;
        final boolean red;
        final long blacks;
        final Comparable<Object> parentKey;
        final boolean left;

        Pending(Object node, Object parent, boolean red, long blacks, Comparable<Object> parentKey, boolean left) {
            this.node = node;
            this.parent = parent;
            this.red = red;
            this.blacks = blacks;
            this.parentKey = parentKey;
            this.left = left;
        }
    }

    private Report run(Object map, long maxNodes) {
        Fields<Object> m = heap.fields(TREE_MAP, "root", "size", "comparator");
        m.at(map);
        Long sizeField = ChainedLayouts.numberOrNull(m.value(1));
        long size = sizeField == null ? -1 : sizeField;
        boolean natural = m.value(2) == null;
        Deque<Pending> queue = new ArrayDeque<Pending>();
        Map<Object, Boolean> seen = heap.identityMap();
        Object root = m.ref(0);
        if (root != null) {
            seen.put(root, Boolean.TRUE);
            queue.add(new Pending(root, null, false, 0, null, false));
        }
        Fields<Object> entry = heap.fields(ENTRY, FIELDS);
        long walked = 0;
        List<Pending> batch = new ArrayList<Pending>();
        Object[] nodes = new Object[BATCH];
        while (!queue.isEmpty() && walked < maxNodes) {
            // a batch from the front of the queue, its nodes read ahead together (pipelined over JDWP)
            batch.clear();
            while (!queue.isEmpty() && batch.size() < BATCH && walked + batch.size() < maxNodes) {
                Pending p = queue.poll();
                nodes[batch.size()] = p.node;
                batch.add(p);
            }
            heap.readAhead(nodes, batch.size(), entry, false);
            for (Pending p : batch) {
                walked++;
                visit(p, entry, natural && walked <= ORDER_CHECKED, queue, seen);
            }
            for (int i = 0; i < batch.size(); i++) {
                nodes[i] = null;
            }
        }
        if (queue.isEmpty() && size >= 0 && walked != size) {
            problem("size-mismatch", "size field says " + size + " but the tree holds " + walked + " entries");
        }
        if (queue.isEmpty() && maxBlack > minBlack) {
            problem("red-black", "paths from the root pass " + minBlack + " to " + maxBlack
                    + " black nodes (all must pass the same number)");
        }
        return new Report(size, walked, Collections.unmodifiableList(problems), queue.isEmpty());
    }

    /** One node: its links, colours and key against what its parent expects; its children into the queue. */
    private void visit(Pending p, Fields<Object> entry, boolean ordered, Deque<Pending> queue, Map<Object, Boolean> seen) {
        entry.at(p.node);
        Object parent = entry.ref(PARENT);
        boolean red = Boolean.FALSE.equals(entry.value(COLOR)); // TreeMap: BLACK = true
        Comparable<Object> key = ordered ? keyOf(entry.ref(KEY)) : null;
        Object left = entry.ref(LEFT);
        Object right = entry.ref(RIGHT);
        if (p.parent == null) {
            if (parent != null) {
                problem("tree-links", "the root " + at(p.node) + " has a parent, " + at(parent));
            }
            if (red) {
                problem("red-black", "the root " + at(p.node) + " is red");
            }
        } else {
            if (parent == null || !heap.same(parent, p.parent)) {
                problem("tree-links", "the parent of " + at(p.node) + " is "
                        + (parent == null ? "null" : at(parent)) + ", but it hangs under " + at(p.parent));
            }
            if (red && p.red) {
                problem("red-black", "red " + at(p.node) + " under red " + at(p.parent));
            }
            if (key != null && p.parentKey != null) {
                int c = key.compareTo(p.parentKey);
                if (p.left ? c >= 0 : c <= 0) {
                    problem("order", "key " + key + " of " + at(p.node) + " is on the " + (p.left ? "left"
                            : "right") + " of its parent's key " + p.parentKey);
                }
            }
        }
        long blacks = p.blacks + (red ? 0 : 1);
        for (int s = 0; s < 2; s++) {
            Object child = s == 0 ? left : right;
            String side = s == 0 ? "left" : "right";
            if (child == null) {
                minBlack = Math.min(minBlack, blacks);
                maxBlack = Math.max(maxBlack, blacks);
                continue;
            }
            if (seen.put(child, Boolean.TRUE) != null) {
                problem("cycle", "the " + side + " link of " + at(p.node) + " leads back to " + at(child)
                        + ", reached already");
                continue;
            }
            queue.add(new Pending(child, p.node, red, blacks, key, s == 0));
        }
    }

    /** The key as something comparable here: integral boxes and strings, from their previews; null for anything else. */
    @SuppressWarnings("unchecked")
    private Comparable<Object> keyOf(Object key) {
        if (key == null) {
            return null;
        }
        String cls = heap.className(key);
        String text = heap.preview(key, MAX_KEY_CHARS + 2);
        try {
            if (cls.equals("java.lang.Integer") || cls.equals("java.lang.Long") || cls.equals("java.lang.Short")
                    || cls.equals("java.lang.Byte")) {
                return (Comparable<Object>) (Object) Long.parseLong(text);
            }
            if (cls.equals("java.lang.String")) {
                boolean whole = text.length() >= 2 && text.length() <= MAX_KEY_CHARS && text.startsWith("\"")
                        && text.endsWith("\"") && text.indexOf('\\') < 0;
                return whole ? (Comparable<Object>) (Object) text.substring(1, text.length() - 1) : null;
            }
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void problem(String kind, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new LayoutReport.Problem(kind, -1, message));
        }
    }

    private String at(Object node) {
        return "node @" + heap.id(node);
    }
}
