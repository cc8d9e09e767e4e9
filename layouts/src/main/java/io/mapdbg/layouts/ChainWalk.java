package io.mapdbg.layouts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Walks bins' chains by {@code next}: bounded and cycle-safe, problems to the tally. One walker per map walk and
 * node class: it reuses its scratch space, so a walk allocates per bin shown, not per node. The node fields are
 * read through one {@link Fields} whose first four names are hash, key, value and next (tree nodes add parent,
 * left and right); subclasses say where a hash belongs and may derive the key.
 */
abstract class ChainWalk<O> implements Tally.Samples {
    static final int HASH = 0;
    static final int KEY = 1;
    static final int VALUE = 2;
    static final int NEXT = 3;
    static final int PARENT = 4;
    static final int LEFT = 5;
    static final int RIGHT = 6;
    /** No real bin is this long; a corrupt size field must not let a walk run away. */
    static final long HARD_CAP = 1L << 20;
    /** Chains up to this long are checked for cycles by scanning; longer ones switch to an identity set. */
    private static final int LINEAR_SEEN = 32;

    private final Heap<O> heap;
    private final Tally<O> tally;
    private final long limit;
    private final Object[] recent = new Object[LINEAR_SEEN];
    private final boolean local;
    private final Object[] keys;
    private final Object[] values;
    private final int[] hashes;
    /** On a local heap: the first nodes of the last chain, read again by take() if the tally keeps the bin. */
    private final Object[] firstNodes;
    private Fields<O> lastFields;
    private int sampled;
    /** Set by each walk: whether the chain was cut short (walk-limit, unreadable). */
    boolean cut;
    /** Set by each walk: whether {@link #visit} stopped it. */
    boolean stopped;
    /** Filled by a walk that keeps its tree: each node with its parent, left and right, as read on the way. */
    final List<O> nodes = new ArrayList<O>();
    final List<O> parents = new ArrayList<O>();
    final List<O> lefts = new ArrayList<O>();
    final List<O> rights = new ArrayList<O>();

    ChainWalk(Heap<O> heap, Tally<O> tally, long size) {
        this.heap = heap;
        this.tally = tally;
        this.limit = limit(size);
        int keep = tally.chainPreview();
        this.local = heap.local();
        this.keys = new Object[local ? 0 : keep];
        this.values = new Object[local ? 0 : keep];
        this.hashes = new int[local ? 0 : keep];
        this.firstNodes = new Object[local ? keep : 0];
    }

    /** The longest chain a map of this size can sanely hold. */
    static long limit(long size) {
        return Math.min(Math.max(size, 0) + 1000, HARD_CAP);
    }

    /** Told each node walked, node positioned on it; false stops the walk after it. Default: go on. */
    boolean visit(Fields<O> node) {
        return true;
    }

    /** The bin a stored hash belongs in. */
    abstract int binOf(int hash);

    /** The key of the node fields is positioned on; a layout whose key is not a plain field overrides it. */
    Object key(Fields<O> node) {
        return node.ref(KEY);
    }

    /**
     * Walks from head with node's fields; returns the entries walked. keepTree: node also has parent, left and
     * right, kept for {@link TreeLinks}. Problems: cycle (stops at the repeated node), wrong-bin, unreadable and
     * walk-limit (both cut the chain).
     */
    int walk(O head, int bin, Fields<O> node, boolean keepTree) {
        return walk(head, bin, node, keepTree, false);
    }

    /** headRead: node is already positioned on head (its one read over JDWP was spent to learn the head's kind). */
    @SuppressWarnings("unchecked")
    int walk(O head, int bin, Fields<O> node, boolean keepTree, boolean headRead) {
        cut = false;
        stopped = false;
        sampled = 0;
        lastFields = node;
        if (keepTree) {
            nodes.clear();
            parents.clear();
            lefts.clear();
            rights.clear();
        }
        Map<O, Boolean> seen = null;
        int length = 0;
        O current = head;
        try {
            while (current != null) {
                if (length >= limit) {
                    tally.problem("walk-limit", bin, "chain of bin " + bin + " is longer than " + limit
                            + " entries; cut there");
                    tally.markCut();
                    cut = true;
                    break;
                }
                if (seenBefore(current, length, seen)) {
                    tally.problem("cycle", bin, "chain of bin " + bin + " returns to node @" + heap.id(current)
                            + " after " + length + " entries; walk stopped there");
                    break;
                }
                if (length < LINEAR_SEEN) {
                    recent[length] = current;
                } else {
                    if (seen == null) {
                        seen = heap.identityMap();
                        for (Object o : recent) {
                            seen.put((O) o, Boolean.TRUE);
                        }
                    }
                    seen.put(current, Boolean.TRUE);
                }
                int hash;
                O next;
                try {
                    if (!(headRead && length == 0)) {
                        node.at(current);
                    }
                    hash = node.intValue(HASH);
                    next = node.ref(NEXT);
                } catch (RuntimeException e) {
                    tally.unreadable(bin, "bin " + bin + ", node " + length + " (@" + heap.id(current) + ")", e);
                    cut = true;
                    break;
                }
                length++;
                int expected = binOf(hash);
                if (expected != bin) {
                    tally.problem("wrong-bin", bin, "entry " + tally.preview(key(node)) + " (hash " + hash
                            + ") is in bin " + bin + ", expected bin " + expected);
                }
                if (sampled < firstNodes.length) {
                    firstNodes[sampled++] = current;
                } else if (sampled < keys.length) {
                    keys[sampled] = key(node);
                    values[sampled] = node.ref(VALUE);
                    hashes[sampled] = hash;
                    sampled++;
                }
                if (keepTree) {
                    nodes.add(current);
                    parents.add(node.ref(PARENT));
                    lefts.add(node.ref(LEFT));
                    rights.add(node.ref(RIGHT));
                }
                if (!visit(node)) {
                    stopped = true;
                    break;
                }
                current = next;
            }
        } finally {
            for (int i = 0; i < length && i < LINEAR_SEEN; i++) {
                recent[i] = null; // hold no node of the application past the walk
            }
        }
        return length;
    }

    /** The first entries of the chain just walked (the tally calls this only for bins it keeps). */
    @Override
    @SuppressWarnings("unchecked")
    public List<Tally.Sample> take() {
        if (sampled == 0) {
            return Collections.emptyList();
        }
        List<Tally.Sample> samples = new ArrayList<Tally.Sample>(sampled);
        for (int i = 0; i < sampled; i++) {
            if (!local) {
                samples.add(new Tally.Sample(keys[i], values[i], hashes[i]));
                continue;
            }
            try {
                lastFields.at((O) firstNodes[i]);
                samples.add(new Tally.Sample(key(lastFields), lastFields.ref(VALUE), lastFields.intValue(HASH)));
            } catch (RuntimeException changed) {
                break; // a live map changed under the walk: the bin is shown with the entries read
            }
        }
        return samples;
    }

    /** Drops the last chain's keys and values, so the walker holds no application object past the walk. */
    void forget() {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = null;
            values[i] = null;
        }
        for (int i = 0; i < firstNodes.length; i++) {
            firstNodes[i] = null;
        }
        nodes.clear();
        parents.clear();
        lefts.clear();
        rights.clear();
    }

    @SuppressWarnings("unchecked")
    private boolean seenBefore(O node, int length, Map<O, Boolean> seen) {
        if (seen != null) {
            return seen.containsKey(node);
        }
        for (int i = 0; i < length && i < LINEAR_SEEN; i++) {
            if (heap.same((O) recent[i], node)) {
                return true;
            }
        }
        return false;
    }

    /** The head to walk, or null when this call already reported the bin (empty, or past the limit). */
    static <O> O headToWalk(O head, int bin, Tally<O> tally) {
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
