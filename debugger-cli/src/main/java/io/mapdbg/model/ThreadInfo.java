package io.mapdbg.model;

import java.util.List;

/**
 * One thread of the target. id is the Java thread id ({@code Thread.threadId()}, as jstack's {@code #N} and
 * {@code thread <id>} take it); jdiId is the JDWP object id of the thread, kept for tools that speak JDI.
 * state is a {@code Thread.State} name, read from the thread's own status field so that WAITING and
 * TIMED_WAITING differ (jdiStatus is JDI's coarser view: RUNNING, MONITOR, WAIT, SLEEPING...). frameCount
 * is null when not read; frames holds the frames read (the top one for a list), possibly fewer than frameCount.
 */
public record ThreadInfo(long id, long jdiId, String name, String state, String jdiStatus, boolean daemon,
                         Integer frameCount, List<FrameInfo> frames) {

    public FrameInfo topFrame() {
        return frames == null || frames.isEmpty() ? null : frames.get(0);
    }
}
