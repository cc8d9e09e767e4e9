package io.mapdbg.locks.values;

import com.sun.jdi.ObjectReference;

/**
 * The user-level object behind a waiting thread's blocker: the CountDownLatch whose {@code sync} a thread parks
 * on, the CompletableFuture whose waiter stack holds the parked Signaller, the Phaser of a QNode, or the monitor
 * itself. kind is its simple class name ({@code CountDownLatch}, {@code Semaphore}, {@code CompletableFuture},
 * {@code Phaser}, {@code monitor}, else the blocker's simple class name); detail what a reader needs to see
 * why it still waits ({@code CountDownLatch, count 1}).
 */
public record BlockerOwner(ObjectReference owner, ObjectReference blocker, String kind, String detail) {
}
