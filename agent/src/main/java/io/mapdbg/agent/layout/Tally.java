package io.mapdbg.agent.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What a walk learns bin by bin: histogram, longest bins, bins in detail, problems. The same rules as the JDWP
 * path's LayoutTally in debugger-cli (inspect), so both ways produce the same layout; previews are made only
 * for the bins shown, at the end.
 */
final class Tally {
    static final int MAX_PROBLEMS = 200;
    private static final int SMALL = 64;

    /** One entry as read: previewed only if its bin is shown. */
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

    /** Reads the first entries of a bin that is shown, after the walk. */
    interface Sampler {
        List<Sample> sample(int bin, int max);
    }

    /** A bin as walked: samples holds the first chainPreview entries, or null to read them at the end. */
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

    final Options options;
    final int capacity;
    private final int[] small = new int[SMALL];
    private final TreeMap<Integer, Integer> large = new TreeMap<Integer, Integer>();
    private final PriorityQueue<Bin> longest = new PriorityQueue<Bin>(11, Collections.reverseOrder(LONGER_FIRST));
    private final List<Bin> details = new ArrayList<Bin>();
    private final List<String[]> problems = new ArrayList<String[]>();
    private List<Bin> longestOverride;
    private Bin longestBin;
    long entries;
    private int nonEmptyBins;
    private int treeBins;
    private int specialBins;
    private int droppedProblems;
    private boolean sampled;
    private boolean cut;
    private boolean anyBin;

    Tally(Options options, int capacity) {
        this.options = options;
        this.capacity = capacity;
    }

    int chainPreview() {
        return Math.max(0, options.chainEntries);
    }

    boolean limitReached() {
        return options.maxEntries > 0 && entries >= options.maxEntries;
    }

    boolean walkBin(int bin) {
        return !limitReached() || inDetail(bin);
    }

    void empty(int bin) {
        if (!limitReached()) {
            count(0);
        }
        if (inDetail(bin)) {
            details.add(new Bin(bin, 0, "empty", Collections.<Sample>emptyList()));
        }
    }

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
        if (inDetail(bin)) {
            details.add(new Bin(bin, 0, kind, Collections.<Sample>emptyList()));
        }
    }

    void bin(Bin bin) {
        bin(bin.index, bin.length, bin.kind, bin);
    }

    /** A walked bin; its samples are read at the end if it is shown. Allocates only for bins that may be shown. */
    void bin(int index, int length, String kind) {
        bin(index, length, kind, null);
    }

    private void bin(int index, int length, String kind, Bin made) {
        nonEmptyBins++;
        if (!limitReached()) {
            entries += length;
            count(length);
            if ("tree".equals(kind)) {
                treeBins++;
            }
            if (length > 0) {
                if (longestBin == null || length > longestBin.length) {
                    made = made != null ? made : new Bin(index, length, kind, null);
                    longestBin = made;
                }
                if (qualifies(index, length)) {
                    made = made != null ? made : new Bin(index, length, kind, null);
                    offerLongest(made);
                }
            }
        }
        if (inDetail(index)) {
            details.add(made != null ? made : new Bin(index, length, kind, null));
        }
    }

    private boolean qualifies(int index, int length) {
        int keep = options.chains;
        if (keep <= 0) {
            return false;
        }
        if (longest.size() < keep) {
            return true;
        }
        Bin weakest = longest.peek();
        return length > weakest.length || length == weakest.length && index < weakest.index;
    }

    void overrideLongestChains(List<Bin> bins) {
        longestOverride = bins;
    }

    void problem(String kind, int bin, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new String[] {kind, Integer.toString(bin), message});
        } else {
            droppedProblems++;
        }
    }

    void unreadable(int bin, String what, Throwable e) {
        problem("unreadable", bin, what + ": " + e);
        cut = true;
    }

    void markCut() {
        cut = true;
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
    /** How to read the samples of shown bins (chained maps); IdentityHashMap bins carry theirs. */
    Sampler sampler;

    LayoutResult finish(String layout, long size, Long threshold, Float loadFactor, Integer modCount,
                        LayoutResult.Concurrent concurrent, boolean sizeCheck) {
        if (sizeCheck && !sampled && !cut && size != entries) {
            problem("size-mismatch", -1, "size field says " + size + " but the table holds " + entries + " entries");
        }
        if (droppedProblems > 0) {
            problems.add(new String[] {"walk-limit", "-1", droppedProblems + " more problems not listed"});
        }
        LayoutResult r = new LayoutResult();
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
            r.longestBin = new int[] {longestBin.index, longestBin.length};
            r.longestKind = longestBin.kind;
        }
        if (anyBin) {
            for (int i = 0; i < SMALL; i++) {
                if (small[i] > 0) {
                    r.histogram.put(i, small[i]);
                }
            }
            for (Map.Entry<Integer, Integer> e : large.entrySet()) {
                r.histogram.put(e.getKey(), e.getValue());
            }
        }
        List<Bin> top = longestOverride != null ? longestOverride : sortedLongest();
        r.longestChains = chains(top);
        r.bins = chains(details);
        r.concurrent = concurrent;
        r.problems = problems;
        r.complete = !sampled && !cut;
        r.sampled = sampled;
        return r;
    }

    private boolean inDetail(int bin) {
        return options.binsFrom >= 0 && bin >= options.binsFrom && bin <= options.binsTo;
    }

    private void offerLongest(Bin bin) {
        int keep = options.chains;
        if (keep <= 0) {
            return;
        }
        if (longest.size() < keep) {
            longest.add(bin);
        } else if (LONGER_FIRST.compare(bin, longest.peek()) < 0) {
            longest.poll();
            longest.add(bin);
        }
    }

    private List<Bin> sortedLongest() {
        List<Bin> sorted = new ArrayList<Bin>(longest);
        Collections.sort(sorted, LONGER_FIRST);
        return sorted;
    }

    private List<LayoutResult.Chain> chains(List<Bin> bins) {
        List<LayoutResult.Chain> chains = new ArrayList<LayoutResult.Chain>(bins.size());
        for (Bin bin : bins) {
            LayoutResult.Chain c = new LayoutResult.Chain();
            c.index = bin.index;
            c.length = bin.length;
            c.kind = bin.kind;
            List<Sample> samples = bin.samples;
            if (samples == null) {
                try {
                    samples = sampler == null || bin.length == 0 ? Collections.<Sample>emptyList()
                            : sampler.sample(bin.index, Math.min(chainPreview(), bin.length));
                } catch (RuntimeException e) {
                    samples = Collections.emptyList(); // changed under us: the bin is shown without its entries
                }
            }
            for (Sample s : samples) {
                c.entries.add(new String[] {Preview.of(s.key, options.preview), Preview.of(s.value, options.preview),
                    Integer.toString(s.hash)});
            }
            c.truncated = bin.length > c.entries.size();
            chains.add(c);
        }
        return chains;
    }
}
