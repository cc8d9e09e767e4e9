package io.mapdbg.agent.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Walks bins' chains by {@code next}: bounded and cycle-safe, reporting problems to the tally. One walker per map
 * walk: it reuses its scratch space, and reads only hash and next per node (keys and values are read afterwards,
 * for the bins shown only, by {@link #sample}).
 */
final class ChainWalk {
    /** No real bin is this long; a corrupt size field must not let a walk run away. */
    static final long HARD_CAP = 1L << 20;
    private static final int LINEAR_SEEN = 32;

    /** How to read one node class. */
    interface Nodes {
        int hash(Object node);

        Object key(Object node);

        Object value(Object node);

        Object next(Object node);
    }

    /** Bin index of a stored hash. */
    interface BinOf {
        int of(int hash);
    }

    private final Object[] recent = new Object[LINEAR_SEEN];
    private final Tally tally;
    private final Nodes nodes;
    private final BinOf binOf;
    private final long limit;
    /** Set by each walk: whether the chain was cut short (walk-limit, unreadable). */
    boolean cut;
    /** Filled by a walk asked to keep its nodes (tree bins). */
    final List<Object> kept = new ArrayList<Object>();

    ChainWalk(Tally tally, Nodes nodes, BinOf binOf, long size) {
        this.tally = tally;
        this.nodes = nodes;
        this.binOf = binOf;
        this.limit = Math.min(Math.max(size, 0) + 1000, HARD_CAP);
    }

    /** Walks from head; returns the number of entries. Problems go to the tally. */
    int walk(Object head, int bin, boolean keepNodes) {
        cut = false;
        kept.clear();
        IdentityHashMap<Object, Boolean> seen = null;
        int length = 0;
        Object current = head;
        while (current != null) {
            if (length >= limit) {
                tally.problem("walk-limit", bin, "chain of bin " + bin + " is longer than " + limit + " entries; cut there");
                tally.markCut();
                cut = true;
                break;
            }
            if (seenBefore(current, length, seen)) {
                tally.problem("cycle", bin, "chain of bin " + bin + " returns to node @"
                        + io.mapdbg.agent.ObjectIds.get().idOf(current) + " after " + length + " entries; walk stopped there");
                break;
            }
            if (length < LINEAR_SEEN) {
                recent[length] = current;
            } else {
                if (seen == null) {
                    seen = new IdentityHashMap<Object, Boolean>();
                    for (Object o : recent) {
                        seen.put(o, Boolean.TRUE);
                    }
                }
                seen.put(current, Boolean.TRUE);
            }
            int hash;
            Object next;
            try {
                hash = nodes.hash(current);
                next = nodes.next(current);
            } catch (RuntimeException e) {
                tally.unreadable(bin, "bin " + bin + ", node " + length, e);
                cut = true;
                break;
            }
            length++;
            int expected = binOf.of(hash);
            if (expected != bin) {
                tally.problem("wrong-bin", bin, "entry " + Preview.of(nodes.key(current), tally.options.preview)
                        + " (hash " + hash + ") is in bin " + bin + ", expected bin " + expected);
            }
            if (keepNodes) {
                kept.add(current);
            }
            current = next;
        }
        for (int i = 0; i < length && i < LINEAR_SEEN; i++) {
            recent[i] = null; // hold no node of the application past the walk
        }
        return length;
    }

    private boolean seenBefore(Object node, int length, IdentityHashMap<Object, Boolean> seen) {
        if (seen != null) {
            return seen.containsKey(node);
        }
        for (int i = 0; i < length && i < LINEAR_SEEN; i++) {
            if (recent[i] == node) {
                return true;
            }
        }
        return false;
    }

    /** The first max entries from head, cycle-safe: the samples of a bin that is shown. */
    static List<Tally.Sample> sample(Object head, Nodes nodes, int max) {
        if (max <= 0 || head == null) {
            return Collections.emptyList();
        }
        List<Tally.Sample> samples = new ArrayList<Tally.Sample>(Math.min(max, 16));
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<Object, Boolean>();
        for (Object n = head; n != null && samples.size() < max && seen.put(n, Boolean.TRUE) == null; n = nodes.next(n)) {
            samples.add(new Tally.Sample(nodes.key(n), nodes.value(n), nodes.hash(n)));
        }
        return samples;
    }

    /** The head to walk, or null when this call already reported the bin (empty, or past the limit). */
    static Object headToWalk(Object head, int bin, Tally tally) {
        if (head == null) {
            tally.empty(bin);
            return null;
        }
        if (!tally.walkBin(bin)) {
            tally.unwalked(bin);
            return null;
        }
        return head;
    }
}
