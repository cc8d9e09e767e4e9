package io.mapdbg.inspect;

import io.mapdbg.model.BinLength;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import io.mapdbg.model.ChainEntry;
import io.mapdbg.model.ConcurrentState;
import io.mapdbg.model.Integrity;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a decoder learns while it reads a table bin by bin: histogram, longest bins, details, problems.
 * Decoders report each bin in table order; previews are read only at the end, for the bins shown.
 */
final class LayoutTally {

    /** One entry as read from the heap; previewed only if its bin is shown. */
    record Sample(Object key, Object value, int hash) {
    }

    /** A bin as walked: length counts the entries read, samples holds the first chainPreview of them. */
    record Bin(int index, int length, String kind, List<Sample> samples) {
    }

    /** Keys that are not objects of the map's user: previewed as text. */
    enum KeyMark {
        NULL("null"), CLEARED("(cleared)");

        final String text;

        KeyMark(String text) {
            this.text = text;
        }
    }

    /** A corrupt map can yield a problem per entry; the report keeps the first ones. */
    static final int MAX_PROBLEMS = 200;

    private static final Comparator<Bin> LONGER_FIRST =
            Comparator.comparingInt(Bin::length).reversed().thenComparingInt(Bin::index);

    private final WalkOptions options;
    private final int capacity;
    private final TreeMap<Integer, Integer> histogram = new TreeMap<>();
    private final PriorityQueue<Bin> longest = new PriorityQueue<>(LONGER_FIRST.reversed());
    private final List<Bin> details = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private List<Bin> longestOverride;
    private Bin longestBin;
    private long entries;
    private int nonEmptyBins;
    private int treeBins;
    private int specialBins;
    private int droppedProblems;
    private boolean sampled;
    private boolean cut;

    LayoutTally(WalkOptions options, int capacity) {
        this.options = options;
        this.capacity = capacity;
    }

    int chainPreview() {
        return Math.max(0, options.chainPreview());
    }

    int previewChars() {
        return options.previewChars();
    }

    long entries() {
        return entries;
    }

    /** True once maxEntries is reached: from here on bins are only counted, not walked. */
    boolean limitReached() {
        return options.bounded() && entries >= options.maxEntries();
    }

    /** Whether to walk this non-empty bin: always before the limit, and for bins the user asked to see. */
    boolean walkBin(int bin) {
        return !limitReached() || inDetail(bin);
    }

    void empty(int bin) {
        if (!limitReached()) {
            histogram.merge(0, 1, Integer::sum);
        }
        if (inDetail(bin)) {
            details.add(new Bin(bin, 0, "empty", List.of()));
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
            histogram.merge(0, 1, Integer::sum);
        }
        if (inDetail(bin)) {
            details.add(new Bin(bin, 0, kind, List.of()));
        }
    }

    /** A bin with a non-null head (length may be 0 when the head was unreadable: still a non-empty bin). */
    void bin(Bin bin) {
        nonEmptyBins++;
        if (!limitReached()) {
            entries += bin.length();
            histogram.merge(bin.length(), 1, Integer::sum);
            if ("tree".equals(bin.kind())) {
                treeBins++;
            }
            if (bin.length() > 0) {
                if (longestBin == null || bin.length() > longestBin.length()) {
                    longestBin = bin;
                }
                offerLongest(bin);
            }
        }
        if (inDetail(bin.index())) {
            details.add(bin);
        }
    }

    /** IdentityHashMap shows its longest probe run instead of its (all length-1) longest slots. */
    void overrideLongestChains(List<Bin> bins) {
        longestOverride = bins;
    }

    void problem(String kind, int bin, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(kind, bin, message));
        } else {
            droppedProblems++;
        }
    }

    /** Records a failed read and marks the walk incomplete; a dead target is not a corrupt map, so that rethrows. */
    void unreadable(int bin, String what, RuntimeException e) {
        if (e.getClass().getName().endsWith("VMDisconnectedException")) {
            throw e;
        }
        problem("unreadable", bin, what + ": " + e);
        cut = true;
    }

    /** A chain cut short (walk-limit, unreadable): the integrity check did not see all of the map. */
    void markCut() {
        cut = true;
    }

    void progress(WalkProgress progress, long binsDone) {
        progress.update(binsDone, capacity, entries);
    }

    /** Builds the layout. sizeCheck: whether size vs entries walked may be compared at all (not CHM mid-resize). */
    BucketLayout finish(MapRef ref, String layout, String wrapper, long size, Long threshold, Float loadFactor,
                        Integer modCount, ConcurrentState concurrent, boolean sizeCheck) {
        if (sizeCheck && !sampled && !cut && size != entries) {
            problem("size-mismatch", -1, "size field says " + size + " but the table holds " + entries + " entries");
        }
        if (droppedProblems > 0) {
            problems.add(new Problem("walk-limit", -1, droppedProblems + " more problems not listed"));
        }
        SortedMap<String, Integer> lengths = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        // lengths that occur, as many bins as the table has: a map without a table has an empty histogram
        histogram.forEach((length, count) -> lengths.put(Integer.toString(length), count));
        // no entries, no longest bin (null in JSON), rather than a sentinel index -1
        BinLength longestLength = longestBin == null
                ? null
                : new BinLength(longestBin.index(), longestBin.length(), longestBin.kind());
        List<Bin> top = longestOverride != null ? longestOverride : sortedLongest();
        Integrity integrity = new Integrity(problems.isEmpty(), List.copyOf(problems), !sampled && !cut);
        return new BucketLayout(ref, layout, size, entries, capacity, threshold, loadFactor, modCount,
                nonEmptyBins, treeBins, longestLength, lengths, specialBins, chains(top), chains(details),
                concurrent, integrity, sampled, null, wrapper);
    }

    /** A bounded preview of a value read from the heap; a failed preview must not fail the layout. */
    static String preview(Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        if (value instanceof KeyMark mark) {
            return mark.text;
        }
        String text;
        try {
            text = value instanceof HeapObject object ? object.preview(maxChars) : String.valueOf(value);
        } catch (RuntimeException e) {
            text = "(unreadable)";
        }
        return maxChars > 0 && text.length() > maxChars ? text.substring(0, maxChars) : text;
    }

    private boolean inDetail(int bin) {
        return options.binsFrom() >= 0 && bin >= options.binsFrom() && bin <= options.binsTo();
    }

    private void offerLongest(Bin bin) {
        int keep = options.longestChains();
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
        List<Bin> sorted = new ArrayList<>(longest);
        sorted.sort(LONGER_FIRST);
        return sorted;
    }

    private List<Chain> chains(List<Bin> bins) {
        List<Chain> chains = new ArrayList<>(bins.size());
        for (Bin bin : bins) {
            List<ChainEntry> shown = new ArrayList<>(bin.samples().size());
            for (Sample sample : bin.samples()) {
                shown.add(new ChainEntry(preview(sample.key(), previewChars()),
                        preview(sample.value(), previewChars()), sample.hash()));
            }
            chains.add(new Chain(bin.index(), bin.length(), bin.kind(), List.copyOf(shown),
                    bin.length() > shown.size()));
        }
        return List.copyOf(chains);
    }
}
