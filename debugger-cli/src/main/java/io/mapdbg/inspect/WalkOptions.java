package io.mapdbg.inspect;

/**
 * Bounds of a layout walk. maxEntries (0 = no bound) stops walking chains once reached; the table is still
 * read in full so capacity and non-empty bins stay exact. longestChains: how many of the longest chains to
 * show; chainPreview: entries shown per chain; previewChars: bound on each key/value preview.
 * binsFrom..binsTo (inclusive, -1 = none) are listed in detail.
 */
public record WalkOptions(long maxEntries, int longestChains, int chainPreview, int previewChars,
                          int binsFrom, int binsTo) {

    public static WalkOptions defaults() {
        return new WalkOptions(0, 5, 8, 60, -1, -1);
    }

    /** The same bounds for the shared layout rules. */
    public io.mapdbg.layouts.WalkBounds bounds() {
        return new io.mapdbg.layouts.WalkBounds(maxEntries, longestChains, chainPreview, previewChars, binsFrom, binsTo);
    }

    public boolean bounded() {
        return maxEntries > 0;
    }
}
