package io.mapdbg.agent.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/** Walks one bin's chain by {@code next}: bounded and cycle-safe, reporting problems to the tally. */
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

    /** The walk of one bin; nodes is filled only when asked (tree bins). */
    static final class Walk {
        final int length;
        final List<Tally.Sample> samples;
        final List<Object> nodes;
        final boolean cut;

        Walk(int length, List<Tally.Sample> samples, List<Object> nodes, boolean cut) {
            this.length = length;
            this.samples = samples;
            this.nodes = nodes;
            this.cut = cut;
        }
    }

    private ChainWalk() {
    }

    static long limit(long size) {
        return Math.min(Math.max(size, 0) + 1000, HARD_CAP);
    }

    static Walk walk(Object head, int bin, Nodes nodes, BinOf binOf, boolean keepNodes, long limit, Tally tally) {
        int preview = tally.chainPreview();
        List<Tally.Sample> samples = preview == 0 ? Collections.<Tally.Sample>emptyList()
                : new ArrayList<Tally.Sample>(Math.min(preview, 16));
        List<Object> kept = keepNodes ? new ArrayList<Object>() : Collections.emptyList();
        Object[] recent = new Object[LINEAR_SEEN];
        IdentityHashMap<Object, Boolean> seen = null;
        int length = 0;
        boolean cut = false;
        Object current = head;
        while (current != null) {
            if (length >= limit) {
                tally.problem("walk-limit", bin, "chain of bin " + bin + " is longer than " + limit + " entries; cut there");
                tally.markCut();
                cut = true;
                break;
            }
            if (seenBefore(current, recent, length, seen)) {
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
            if (samples.size() < preview) {
                samples.add(new Tally.Sample(nodes.key(current), nodes.value(current), hash));
            }
            if (keepNodes) {
                kept.add(current);
            }
            current = next;
        }
        return new Walk(length, samples, kept, cut);
    }

    private static boolean seenBefore(Object node, Object[] recent, int length, IdentityHashMap<Object, Boolean> seen) {
        if (seen != null) {
            return seen.containsKey(node);
        }
        for (int i = 0; i < length && i < recent.length; i++) {
            if (recent[i] == node) {
                return true;
            }
        }
        return false;
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
