package io.mapdbg.model;

import java.util.List;
import java.util.SortedMap;

/**
 * A hash map's layout as walked in the target: the result of {@code buckets}.
 *
 * <p>size is what size() returns (CHM: baseCount plus counter cells); entries is what the walk found.
 * longestBin is null when no entry was walked. histogram maps each bin length that occurs (as a string, "0"
 * included: empty bins are bins) to the number of bins of that length, empty without a table; special
 * bins (CHM ForwardingNode / ReservationNode heads) are not entries and are counted only in specialBins.
 * When the walk was bounded (maxEntries), sampled is true: capacity and nonEmptyBins stay exact, the rest
 * describes the part walked. source says which way served it ("jdwp" or "agent").
 */
public record BucketLayout(MapRef map,
                           String layout,
                           long size,
                           long entries,
                           int capacity,
                           Long threshold,
                           Float loadFactor,
                           Integer modCount,
                           int nonEmptyBins,
                           int treeBins,
                           BinLength longestBin,
                           SortedMap<String, Integer> histogram,
                           int specialBins,
                           List<Chain> longestChains,
                           List<Chain> bins,
                           ConcurrentState concurrent,
                           Integrity integrity,
                           boolean sampled,
                           String source,
                           String wrapper) implements Result {

    /** The same layout, saying which way into the target served it. */
    public BucketLayout withSource(String how) {
        return new BucketLayout(map, layout, size, entries, capacity, threshold, loadFactor, modCount, nonEmptyBins,
                treeBins, longestBin, histogram, specialBins, longestChains, bins, concurrent, integrity, sampled, how,
                wrapper);
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
