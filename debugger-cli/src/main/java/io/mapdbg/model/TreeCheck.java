package io.mapdbg.model;

import java.util.List;

/**
 * The integrity check of a TreeMap: its size field, the nodes walked from the root, what is broken, and whether the
 * walk reached every node (false when bounded).
 */
public record TreeCheck(long size, long walked, List<Problem> problems, boolean complete) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
