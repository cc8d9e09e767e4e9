package io.mapdbg.layouts;

/**
 * Bounds of a layout walk, as buckets' options: maxEntries (0: none) stops walking chains once reached, the table
 * is still read in full so capacity and non-empty bins stay exact; longestChains to show; chainEntries shown per
 * chain; previewChars per key or value; bins binsFrom..binsTo (inclusive, -1: none) listed in detail.
 */
public final class WalkBounds {
    public final long maxEntries;
    public final int longestChains;
    public final int chainEntries;
    public final int previewChars;
    public final int binsFrom;
    public final int binsTo;

    public WalkBounds(long maxEntries, int longestChains, int chainEntries, int previewChars, int binsFrom, int binsTo) {
        this.maxEntries = maxEntries;
        this.longestChains = longestChains;
        this.chainEntries = chainEntries;
        this.previewChars = previewChars;
        this.binsFrom = binsFrom;
        this.binsTo = binsTo;
    }

    public boolean bounded() {
        return maxEntries > 0;
    }

    boolean inDetail(int bin) {
        return binsFrom >= 0 && bin >= binsFrom && bin <= binsTo;
    }
}
