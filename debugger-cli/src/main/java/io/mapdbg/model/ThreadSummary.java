package io.mapdbg.model;

import java.util.List;

/** A thread as a blocked report shows it: name, Java thread id, state, and its top frames (what it is doing). */
public record ThreadSummary(String name, long id, String state, List<String> frames) {
}
