package io.mapdbg.model;

import java.util.List;
import java.util.Map;

/**
 * Threads with identical stacks (same frames, same order), as a goroutine profile groups them. states counts
 * the group's threads per state; threads names at most a bounded number of them (namesTruncated says more
 * exist; threadIds lists the same ones). frames is the shared stack, cut to the shown depth (stackDepth is its
 * full length).
 */
public record StackGroup(int count, Map<String, Integer> states, List<String> threads, List<Long> threadIds,
                         boolean namesTruncated, int stackDepth, List<FrameInfo> frames) {
}
