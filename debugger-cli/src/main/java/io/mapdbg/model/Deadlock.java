package io.mapdbg.model;

import java.util.List;

/** A cycle in the wait-for graph: each step is a thread, the lock it waits for, and the frame where it waits. */
public record Deadlock(List<Step> cycle) {
    public record Step(ThreadSummary thread, LockRef waitsFor, String frame) {
    }
}
