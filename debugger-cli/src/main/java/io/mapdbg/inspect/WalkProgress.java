package io.mapdbg.inspect;

/** Told how far a walk has got; the caller decides whether and how to show it (decoders never print). */
@FunctionalInterface
public interface WalkProgress {
    WalkProgress NONE = (binsDone, binsTotal, entries) -> { };

    void update(long binsDone, long binsTotal, long entriesWalked);
}
