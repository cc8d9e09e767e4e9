package io.mapdbg.layouts;

/** Told how far a walk has got, once per table chunk; the caller decides whether to show it. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void update(long binsDone, long binsTotal, long entriesWalked) {
        }
    };

    void update(long binsDone, long binsTotal, long entriesWalked);
}
