package io.mapdbg.model;

/** A ConcurrentHashMap TreeBin's lock: raw lockState and its reading (WRITER=1, WAITER=2, READER=4 each). */
public record TreeBinLock(int bin, int lockState, boolean writer, boolean waiter, int readers, Long waiterThreadId) {
}
