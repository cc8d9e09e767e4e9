package io.mapdbg.inspect;

import io.mapdbg.layouts.LayoutReport;
import io.mapdbg.model.BinLength;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import io.mapdbg.model.ChainEntry;
import io.mapdbg.model.ConcurrentState;
import io.mapdbg.model.Integrity;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Problem;
import io.mapdbg.model.ResizeState;
import io.mapdbg.model.TreeBinLock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A layout walked by the shared rules (io.mapdbg.layouts), as the model's BucketLayout record; source left null. */
final class LayoutReports {
    private LayoutReports() {
    }

    static BucketLayout bucketLayout(LayoutReport r, MapRef ref, String wrapper) {
        SortedMap<String, Integer> histogram = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        r.histogram.forEach((length, count) -> histogram.put(Integer.toString(length), count));
        BinLength longest = r.longestBin == null ? null
                : new BinLength(r.longestBin.index, r.longestBin.length, r.longestBin.kind);
        List<Problem> problems = new ArrayList<>(r.problems.size());
        for (LayoutReport.Problem p : r.problems) {
            problems.add(new Problem(p.kind, p.bin, p.message));
        }
        Integrity integrity = new Integrity(problems.isEmpty(), List.copyOf(problems), r.complete);
        return new BucketLayout(ref, r.layout, r.size, r.entries, r.capacity, r.threshold, r.loadFactor, r.modCount,
                r.nonEmptyBins, r.treeBins, longest, histogram, r.specialBins, chains(r.longestChains), chains(r.bins),
                concurrent(r.concurrent), integrity, r.sampled, null, wrapper);
    }

    private static List<Chain> chains(List<LayoutReport.Chain> from) {
        List<Chain> chains = new ArrayList<>(from.size());
        for (LayoutReport.Chain c : from) {
            List<ChainEntry> entries = new ArrayList<>(c.entries.size());
            for (LayoutReport.Entry e : c.entries) {
                entries.add(new ChainEntry(e.key, e.value, e.hash));
            }
            chains.add(new Chain(c.index, c.length, c.kind, List.copyOf(entries), c.truncated));
        }
        return List.copyOf(chains);
    }

    private static ConcurrentState concurrent(LayoutReport.Concurrent c) {
        if (c == null) {
            return null;
        }
        List<TreeBinLock> locks = new ArrayList<>(c.treeBinLocks.size());
        for (LayoutReport.TreeBinLock l : c.treeBinLocks) {
            locks.add(new TreeBinLock(l.bin, l.lockState, (l.lockState & 1) != 0, (l.lockState & 2) != 0,
                    l.lockState >>> 2, l.waiterThreadId));
        }
        return new ConcurrentState(c.forwardingNodes, c.reservedBins.size(), List.copyOf(c.reservedBins),
                List.copyOf(locks), new ResizeState(c.resizing, c.nextTableLength, c.sizeCtl, c.transferIndex),
                c.baseCount, c.counterCellsSum);
    }
}
