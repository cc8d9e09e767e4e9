package io.mapdbg.model;

import java.util.List;

/** What only a ConcurrentHashMap has: special nodes, TreeBin locks, resize state, and the parts of its size. */
public record ConcurrentState(int forwardingNodes, int reservationNodes, List<Integer> reservedBins,
                              List<TreeBinLock> treeBinLocks, ResizeState resize,
                              long baseCount, long counterCellsSum) {
}
