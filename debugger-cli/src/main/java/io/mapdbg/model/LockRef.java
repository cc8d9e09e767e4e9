package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A lock: kind is "monitor", "synchronizer" (a j.u.c AbstractQueuedSynchronizer: ReentrantLock,
 * ReentrantReadWriteLock, CountDownLatch, Semaphore...), "treebin" (a ConcurrentHashMap TreeBin's lockState),
 * or "other" (CompletableFuture, Phaser...). detail says more in words (e.g. "lockState 6: waiter, 1 reader",
 * "CountDownLatch count 1", "write lock").
 */
public record LockRef(String kind, @JsonProperty("class") String className, long id, String detail) {
}
