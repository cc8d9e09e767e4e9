package io.mapdbg.backend;

import java.util.regex.Pattern;

/**
 * What {@code threads} lists: state a Thread.State name or null for all; name a pattern found anywhere in the name,
 * or null; top how many threads (or groups) at most, 0 for all; depth frames shown per group.
 */
public record ThreadQuery(String state, Pattern name, int top, boolean group, int depth) {
    /** Thread names listed per group of identical stacks. */
    public static final int GROUP_NAMES = 10;
}
