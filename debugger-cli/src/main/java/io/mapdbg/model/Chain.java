package io.mapdbg.model;

import java.util.List;

/** The entries of one bin, in chain order (tree bins: in their next-order); truncated when more than shown. */
public record Chain(int index, int length, String kind, List<ChainEntry> entries, boolean truncated) {
}
