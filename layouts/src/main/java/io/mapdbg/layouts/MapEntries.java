package io.mapdbg.layouts;

import java.util.List;

/**
 * Every entry of a map, whatever its layout, handed to a visitor in table order: the walk of {@link MapLayouts}
 * (the same chains, special nodes and guards: a chain's cycle stops it, a chain is cut at its size plus 1,000, a
 * failed read cuts it; {@link #fatal} reads still throw) without the report, for callers that want the entries
 * themselves (which value is a latch). Bounded: it stops after maxEntries entries. A ConcurrentHashMap's
 * ForwardingNode and ReservationNode hold no entry; mid-resize the moved bins' entries are in nextTable, not seen.
 */
public final class MapEntries {

    /** Told each entry; returns false to stop the walk. */
    public interface Visitor<O> {
        /** key: a handle, a {@link KeyMark} (WeakHashMap's cleared or null key, IdentityHashMap's null key) or null. */
        boolean entry(Object key, O value);
    }

    /** What the walk saw: entries visited, whether it stopped early (bound or visitor), problems met on the way. */
    public static final class Result {
        public final long entries;
        public final boolean stopped;
        public final List<LayoutReport.Problem> problems;

        Result(long entries, boolean stopped, List<LayoutReport.Problem> problems) {
            this.entries = entries;
            this.stopped = stopped;
            this.problems = problems;
        }
    }

    private static final WalkBounds NO_REPORT = new WalkBounds(0, 0, 0, 0, -1, -1);

    private MapEntries() {
    }

    /** The size field (ConcurrentHashMap: baseCount plus counter cells), without walking: decide first, walk after. */
    public static <O> long size(Heap<O> heap, MapLayouts.Target<O> target) {
        return MapLayouts.quickStats(heap, target, false).size;
    }

    /** Visits the entries of a resolved map, at most maxEntries of them (0: no bound beyond the guards). */
    public static <O> Result visit(Heap<O> heap, MapLayouts.Target<O> target, long maxEntries, Visitor<O> visitor) {
        switch (target.kind) {
            case IDENTITY: return identity(heap, target.map, maxEntries, visitor);
            case CONCURRENT: return concurrent(heap, target.map, maxEntries, visitor);
            case HASHTABLE: return chains(heap, target, "count", ChainedLayouts.HASHTABLE_ENTRY,
                    ChainedLayouts.NODE_FIELDS, maxEntries, visitor);
            case WEAK: return chains(heap, target, "size", ChainedLayouts.WEAK_ENTRY,
                    ChainedLayouts.WEAK_ENTRY_FIELDS, maxEntries, visitor);
            default: return chains(heap, target, "size", ChainedLayouts.NODE, ChainedLayouts.NODE_FIELDS, maxEntries,
                    visitor);
        }
    }

    /** A walker that hands each node's entry to the visitor and counts against the bound. */
    private static final class Walker<O> extends ChainWalk<O> {
        private final MapLayouts.Kind kind;
        private final int n;
        private final long max;
        private final Visitor<O> visitor;
        private final Heap<O> heap;
        private final O nullKey;
        long entries;
        boolean stopped;

        Walker(Heap<O> heap, Tally<O> tally, long size, MapLayouts.Kind kind, int n, long max, Visitor<O> visitor,
               O nullKey) {
            super(heap, tally, size);
            this.heap = heap;
            this.kind = kind;
            this.n = n;
            this.max = max;
            this.visitor = visitor;
            this.nullKey = nullKey;
        }

        @Override
        int binOf(int hash) {
            return Bins.ofStored(kind, hash, n);
        }

        @Override
        Object key(Fields<O> node) {
            return kind == MapLayouts.Kind.WEAK ? ChainedLayouts.weakKey(heap, node.ref(KEY), nullKey) : node.ref(KEY);
        }

        @Override
        boolean visit(Fields<O> node) {
            entries++;
            if (!visitor.entry(key(node), node.ref(VALUE)) || max > 0 && entries >= max) {
                stopped = true;
                return false;
            }
            return true;
        }
    }

    private static <O> Result chains(Heap<O> heap, MapLayouts.Target<O> target, String sizeField, String nodeClass,
                                     String[] nodeFields, long maxEntries, Visitor<O> visitor) {
        boolean weak = target.kind == MapLayouts.Kind.WEAK;
        Fields<O> m = weak ? heap.fields(target.kind.className, "table", sizeField, "NULL_KEY")
                : heap.fields(target.kind.className, "table", sizeField);
        m.at(target.map);
        O table = m.ref(0);
        int n = table == null ? 0 : heap.length(table);
        Tally<O> tally = new Tally<O>(heap, NO_REPORT, n);
        Walker<O> walker = new Walker<O>(heap, tally, m.longValue(1), target.kind, n, maxEntries, visitor,
                weak ? m.ref(2) : null);
        Fields<O> node = heap.fields(nodeClass, nodeFields);
        TableChunks<O> heads = new TableChunks<O>(heap, table, n);
        while (!walker.stopped && heads.next()) {
            heap.readAhead(heads.elements(), heads.count, node, false);
            for (int i = 0; i < heads.count; i++) {
                O head = heads.take(i);
                if (head != null && !walker.stopped) {
                    // a tree bin's TreeNodes are Nodes too: walked by next, as its entries' insertion chain
                    walker.walk(head, heads.from + i, node, false);
                }
            }
        }
        walker.forget();
        return new Result(walker.entries, walker.stopped, tally.finish("", 0, null, null, null, null, false).problems);
    }

    private static <O> Result concurrent(Heap<O> heap, O map, long maxEntries, Visitor<O> visitor) {
        Fields<O> m = heap.fields(ConcurrentLayout.MAP, "table", "baseCount");
        m.at(map);
        O table = m.ref(0);
        int n = table == null ? 0 : heap.length(table);
        Tally<O> tally = new Tally<O>(heap, NO_REPORT, n);
        Walker<O> walker = new Walker<O>(heap, tally, m.longValue(1), MapLayouts.Kind.CONCURRENT, n, maxEntries,
                visitor, null);
        Fields<O> node = heap.fields(ConcurrentLayout.NODE, ConcurrentLayout.NODE_FIELDS);
        Fields<O> treeBin = heap.fields(ConcurrentLayout.TREE_BIN, "first");
        TableChunks<O> heads = new TableChunks<O>(heap, table, n);
        while (!walker.stopped && heads.next()) {
            heap.readAhead(heads.elements(), heads.count, node, false);
            for (int i = 0; i < heads.count && !walker.stopped; i++) {
                O head = heads.take(i);
                if (head != null) {
                    concurrentBin(heap, head, heads.from + i, walker, node, treeBin, tally);
                }
            }
        }
        walker.forget();
        return new Result(walker.entries, walker.stopped, tally.finish("", 0, null, null, null, null, false).problems);
    }

    private static <O> void concurrentBin(Heap<O> heap, O head, int bin, Walker<O> walker, Fields<O> node,
                                          Fields<O> treeBin, Tally<O> tally) {
        long hash = ConcurrentLayout.headHash(head, bin, node, tally);
        if (hash == ConcurrentLayout.UNREADABLE || hash == ConcurrentLayout.MOVED || hash == ConcurrentLayout.RESERVED) {
            return; // no entry in this bin of this table
        }
        if (hash != ConcurrentLayout.TREEBIN) {
            walker.walk(head, bin, node, false, true);
            return;
        }
        O first;
        try {
            treeBin.at(head);
            first = treeBin.ref(0);
        } catch (RuntimeException e) {
            tally.unreadable(bin, "TreeBin of bin " + bin, e);
            return;
        }
        if (first != null) {
            walker.walk(first, bin, node, false); // the TreeBin's TreeNodes, by next
        }
    }

    private static <O> Result identity(Heap<O> heap, O map, long maxEntries, Visitor<O> visitor) {
        Fields<O> m = heap.fields(IdentityLayout.MAP, "table", "NULL_KEY");
        m.at(map);
        O table = m.ref(0);
        O nullKey = m.ref(1);
        int length = table == null ? 0 : heap.length(table);
        long entries = 0;
        boolean stopped = false;
        // chunks are even-sized and start even, so a key and its value arrive together
        TableChunks<O> slots = new TableChunks<O>(heap, table, length);
        while (!stopped && slots.next()) {
            for (int i = 0; i + 1 < slots.count; i += 2) {
                O key = slots.take(i);
                O value = slots.take(i + 1);
                if (key == null || stopped) {
                    continue; // taken all the same: the chunk holds no object past the walk
                }
                entries++;
                Object shown = nullKey != null && heap.same(key, nullKey) ? KeyMark.NULL : key;
                stopped = !visitor.entry(shown, value) || maxEntries > 0 && entries >= maxEntries;
            }
        }
        return new Result(entries, stopped, java.util.Collections.<LayoutReport.Problem>emptyList());
    }
}
