package io.mapdbg.inspect;

import io.mapdbg.inspect.LayoutTally.Sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/** Walks one bin's chain by {@code next}, one request per node, bounded and cycle-safe. */
final class NodeChain {

    /** No real bin is this long; a corrupt size field must not let a walk run away. */
    static final long HARD_CAP = 1L << 20;

    /** One node as read in a single request. fields keeps everything read (tree links for tree nodes). */
    record Node(HeapObject self, int hash, Object key, Object value, HeapObject next, Map<String, Object> fields) {
    }

    /** Reads one node with all the fields the decoder needs, in one request. */
    @FunctionalInterface
    interface Reader {
        Node read(HeapObject node);
    }

    /** The walk of one bin; nodes is filled only when asked (tree bins). */
    record Walk(int length, List<Sample> samples, List<Node> nodes, boolean cut) {
    }

    private NodeChain() {
    }

    /** The longest chain a map of this size can sanely hold. */
    static long limit(long size) {
        return Math.min(Math.max(size, 0) + 1000, HARD_CAP);
    }

    /**
     * Walks from head (first: the head already read, or null). Problems go to the tally: cycle (stops at the
     * repeated node), wrong-bin, unreadable and walk-limit (both cut the chain).
     */
    static Walk walk(HeapObject head, Node first, int bin, Reader reader, IntUnaryOperator binOf,
                     boolean keepNodes, long limit, LayoutTally tally) {
        List<Sample> samples = new ArrayList<>(Math.min(tally.chainPreview(), 16));
        List<Node> nodes = keepNodes ? new ArrayList<>() : List.of();
        Set<Long> seen = new HashSet<>();
        int length = 0;
        boolean cut = false;
        HeapObject current = head;
        Node node = first;
        while (current != null) {
            if (length >= limit) {
                tally.problem("walk-limit", bin, "chain of bin " + bin + " is longer than " + limit + " entries; cut there");
                tally.markCut();
                cut = true;
                break;
            }
            if (!seen.add(current.id())) {
                tally.problem("cycle", bin, "chain of bin " + bin + " returns to node @" + current.id()
                        + " after " + length + " entries; walk stopped there");
                break;
            }
            try {
                if (node == null) {
                    node = reader.read(current);
                }
            } catch (RuntimeException e) {
                tally.unreadable(bin, "bin " + bin + ", node " + length + " (@" + current.id() + ")", e);
                cut = true;
                break;
            }
            length++;
            int expected = binOf.applyAsInt(node.hash());
            if (expected != bin) {
                tally.problem("wrong-bin", bin, "entry " + LayoutTally.preview(node.key(), tally.previewChars())
                        + " (hash " + node.hash() + ") is in bin " + bin + ", expected bin " + expected);
            }
            if (samples.size() < tally.chainPreview()) {
                samples.add(new Sample(node.key(), node.value(), node.hash()));
            }
            if (keepNodes) {
                nodes.add(node);
            }
            current = node.next();
            node = null;
        }
        return new Walk(length, samples, nodes, cut);
    }

    /** The head to walk, or null when this call already reported the bin (empty, past the limit, not an object). */
    static HeapObject headToWalk(Object element, int bin, LayoutTally tally) {
        if (element == null) {
            tally.empty(bin);
            return null;
        }
        if (!tally.walkBin(bin)) {
            tally.unwalked(bin);
            return null;
        }
        if (element instanceof HeapObject head) {
            return head;
        }
        tally.unreadable(bin, "head of bin " + bin, new IllegalStateException("not an object reference: " + element));
        tally.bin(new LayoutTally.Bin(bin, 0, "chain", List.of()));
        return null;
    }

    /** A field that must hold an object reference (or null). */
    static HeapObject object(Object value) {
        if (value == null || value instanceof HeapObject) {
            return (HeapObject) value;
        }
        throw new IllegalStateException("expected an object reference, found " + value);
    }

    /** A field that must hold a number; absent means the object is not what the decoder expected. */
    static long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("field " + name + " missing or not a number: " + value);
    }

    static Long numberOrNull(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Number number ? number.longValue() : null;
    }
}
