package io.mapdbg.layouts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What a walk learns bin by bin, in table order: histogram, longest bins, bins in detail, problems. A bin's first
 * entries are kept only when the bin may be shown, and previewed only at the end, for the bins shown: a walk of a
 * million entries allocates per shown bin, not per entry.
 */
final class Tally<O> {
    static final int MAX_PROBLEMS = 200;
    private static final int SMALL = 64;

    /** One entry as read: key (a handle, a {@link KeyMark} or null), value (a handle or null), stored hash. */
    static final class Sample {
        final Object key;
        final Object value;
        final int hash;

        Sample(Object key, Object value, int hash) {
            this.key = key;
            this.value = value;
            this.hash = hash;
        }
    }

    /** The first entries of the bin just walked, copied out only when the tally keeps the bin. */
    interface Samples {
        List<Sample> take();
    }

    /** A bin as walked: samples holds its first entries (at most chainEntries). */
    static final class Bin {
        final int index;
        final int length;
        final String kind;
        final List<Sample> samples;

        Bin(int index, int length, String kind, List<Sample> samples) {
            this.index = index;
            this.length = length;
            this.kind = kind;
            this.samples = samples;
        }
    }

    private static final Comparator<Bin> LONGER_FIRST = new Comparator<Bin>() {
        @Override
        public int compare(Bin a, Bin b) {
            return a.length != b.length ? Integer.compare(b.length, a.length) : Integer.compare(a.index, b.index);
        }
    };

    private static final Samples NONE = new Samples() {
        @Override
        public List<Sample> take() {
            return Collections.emptyList();
        }
    };

    final Heap<O> heap;
    final WalkBounds bounds;
    final int capacity;
    private final int[] small = new int[SMALL];
    private final TreeMap<Integer, Integer> large = new TreeMap<Integer, Integer>();
    private final PriorityQueue<Bin> longest = new PriorityQueue<Bin>(11, Collections.reverseOrder(LONGER_FIRST));
    private final List<Bin> details = new ArrayList<Bin>();
    private final List<LayoutReport.Problem> problems = new ArrayList<LayoutReport.Problem>();
    private List<Bin> longestOverride;
    private Bin longestBin;
    private long entries;
    private int nonEmptyBins;
    private int treeBins;
    private int specialBins;
    private int droppedProblems;
    private boolean sampled;
    private boolean cut;
    private boolean anyBin;

    Tally(Heap<O> heap, WalkBounds bounds, int capacity) {
        this.heap = heap;
        this.bounds = bounds;
        this.capacity = capacity;
    }

    int chainPreview() {
        return Math.max(0, bounds.chainEntries);
    }

    long entries() {
        return entries;
    }

    /** True once maxEntries is reached: from here on bins are only counted, not walked. */
    boolean limitReached() {
        return bounds.bounded() && entries >= bounds.maxEntries;
    }

    /** Whether to walk this non-empty bin: always before the limit, and for bins the user asked to see. */
    boolean walkBin(int bin) {
        return !limitReached() || bounds.inDetail(bin);
    }

    void empty(int bin) {
        if (!limitReached()) {
            count(0);
        }
        if (bounds.inDetail(bin)) {
            details.add(new Bin(bin, 0, "empty", Collections.<Sample>emptyList()));
        }
    }

    /** A non-null head past the limit: exact for non-empty bins, not walked. */
    void unwalked(int bin) {
        nonEmptyBins++;
        sampled = true;
    }

    /** A CHM ForwardingNode or ReservationNode head: no entry here, so length 0 in the histogram (sums to capacity). */
    void special(int bin, String kind) {
        if (!limitReached()) {
            specialBins++;
            count(0);
        }
        if (bounds.inDetail(bin)) {
            details.add(new Bin(bin, 0, kind, Collections.<Sample>emptyList()));
        }
    }

    /** A bin whose samples are already made (IdentityHashMap slots). */
    void bin(final Bin bin) {
        bin(bin.index, bin.length, bin.kind, new Samples() {
            @Override
            public List<Sample> take() {
                return bin.samples;
            }
        });
    }

    /** A bin with a non-null head (length 0 when the head was unreadable: still a non-empty bin). */
    void bin(int index, int length, String kind, Samples samples) {
        Samples source = samples == null ? NONE : samples;
        Bin made = null;
        nonEmptyBins++;
        if (!limitReached()) {
            entries += length;
            count(length);
            if ("tree".equals(kind)) {
                treeBins++;
            }
            if (length > 0) {
                if (longestBin == null || length > longestBin.length) {
                    made = new Bin(index, length, kind, source.take());
                    longestBin = made;
                }
                if (qualifies(index, length)) {
                    made = made != null ? made : new Bin(index, length, kind, source.take());
                    longest.add(made);
                    if (longest.size() > bounds.longestChains) {
                        longest.poll();
                    }
                }
            }
        }
        if (bounds.inDetail(index)) {
            details.add(made != null ? made : new Bin(index, length, kind, source.take()));
        }
    }

    /** Whether a bin of this length would enter the longest chains kept so far. */
    private boolean qualifies(int index, int length) {
        int keep = bounds.longestChains;
        if (keep <= 0) {
            return false;
        }
        if (longest.size() < keep) {
            return true;
        }
        Bin weakest = longest.peek();
        return length > weakest.length || length == weakest.length && index < weakest.index;
    }

    /** IdentityHashMap shows its longest probe runs instead of its (all length-1) longest slots. */
    void overrideLongestChains(List<Bin> bins) {
        longestOverride = bins;
    }

    void problem(String kind, int bin, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new LayoutReport.Problem(kind, bin, message));
        } else {
            droppedProblems++;
        }
    }

    /** Records a failed read and marks the walk incomplete; a dead target is not a corrupt map, so that rethrows. */
    void unreadable(int bin, String what, RuntimeException e) {
        if (heap.fatal(e)) {
            throw e;
        }
        problem("unreadable", bin, what + ": " + e);
        cut = true;
    }

    /** A chain cut short (walk-limit, unreadable): the integrity check did not see all of the map. */
    void markCut() {
        cut = true;
    }

    void progress(Progress progress, long binsDone) {
        progress.update(binsDone, capacity, entries);
    }

    private void count(int length) {
        anyBin = true;
        if (length < SMALL) {
            small[length]++;
        } else {
            Integer was = large.get(length);
            large.put(length, was == null ? 1 : was + 1);
        }
    }

    /** The finished layout; sizeCheck: whether size may be compared with entries (not a CHM mid-resize). */
    LayoutReport finish(String layout, long size, Long threshold, Float loadFactor, Integer modCount,
                        LayoutReport.Concurrent concurrent, boolean sizeCheck) {
        if (sizeCheck && !sampled && !cut && size != entries) {
            problem("size-mismatch", -1, "size field says " + size + " but the table holds " + entries + " entries");
        }
        if (droppedProblems > 0) {
            problems.add(new LayoutReport.Problem("walk-limit", -1, droppedProblems + " more problems not listed"));
        }
        LayoutReport r = new LayoutReport();
        r.layout = layout;
        r.size = size;
        r.entries = entries;
        r.capacity = capacity;
        r.threshold = threshold;
        r.loadFactor = loadFactor;
        r.modCount = modCount;
        r.nonEmptyBins = nonEmptyBins;
        r.treeBins = treeBins;
        r.specialBins = specialBins;
        if (longestBin != null) {
            r.longestBin = new LayoutReport.BinLength(longestBin.index, longestBin.length, longestBin.kind);
        }
        if (anyBin) { // lengths that occur, as many bins as the table has: no table, no histogram
            for (int i = 0; i < SMALL; i++) {
                if (small[i] > 0) {
                    r.histogram.put(i, small[i]);
                }
            }
            for (Map.Entry<Integer, Integer> e : large.entrySet()) {
                r.histogram.put(e.getKey(), e.getValue());
            }
        }
        r.longestChains = chains(longestOverride != null ? longestOverride : sortedLongest());
        r.bins = chains(details);
        r.concurrent = concurrent;
        r.problems = Collections.unmodifiableList(problems);
        r.complete = !sampled && !cut;
        r.sampled = sampled;
        return r;
    }

    /** A bounded preview of a key or value read from the heap; a failed preview must not fail the layout. */
    @SuppressWarnings("unchecked")
    static <O> String preview(Heap<O> heap, Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        if (value instanceof KeyMark) {
            return ((KeyMark) value).text;
        }
        String text;
        try {
            text = heap.preview((O) value, maxChars);
        } catch (RuntimeException e) {
            text = "(unreadable)";
        }
        return maxChars > 0 && text.length() > maxChars ? text.substring(0, maxChars) : text;
    }

    String preview(Object value) {
        return preview(heap, value, bounds.previewChars);
    }

    private List<Bin> sortedLongest() {
        List<Bin> sorted = new ArrayList<Bin>(longest);
        Collections.sort(sorted, LONGER_FIRST);
        return sorted;
    }

    private List<LayoutReport.Chain> chains(List<Bin> bins) {
        List<LayoutReport.Chain> chains = new ArrayList<LayoutReport.Chain>(bins.size());
        for (Bin bin : bins) {
            List<LayoutReport.Entry> shown = new ArrayList<LayoutReport.Entry>(bin.samples.size());
            for (Sample s : bin.samples) {
                shown.add(new LayoutReport.Entry(preview(s.key), preview(s.value), s.hash));
            }
            chains.add(new LayoutReport.Chain(bin.index, bin.length, bin.kind,
                    Collections.unmodifiableList(shown), bin.length > shown.size()));
        }
        return Collections.unmodifiableList(chains);
    }
}
