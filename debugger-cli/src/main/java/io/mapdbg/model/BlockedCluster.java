package io.mapdbg.model;

import java.util.List;

/**
 * Threads that wait on one lock. owner is null when nobody holds it exclusively (a latch, a condition, a read
 * lock); readHolders are the threads found holding read counts of a ReentrantReadWriteLock (empty otherwise);
 * map is set when the lock belongs to a map (a CHM bin head or ReservationNode, a TreeBin, a Hashtable, a
 * synchronizedMap's mutex); mapEntry is set when the lock is, or is inside, a value of a map (a per-order latch).
 */
public record BlockedCluster(LockRef lock, ThreadSummary owner, List<Waiter> waiters, MapBin map,
                             MapEntryRef mapEntry, List<ThreadSummary> readHolders) {
}
