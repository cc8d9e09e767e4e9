package io.mapdbg.command;

import io.mapdbg.inspect.WalkProgress;

/** Where long work reports progress; the render layer shows it, tests and JSON pipelines may drop it. */
public interface ProgressSink {
    ProgressSink NONE = new ProgressSink() {
        @Override
        public WalkProgress start(String label) {
            return WalkProgress.NONE;
        }

        @Override
        public void finish() {
        }
    };

    WalkProgress start(String label);

    /**
     * As start(label), saying what is counted: done/total in unit ("bins", "maps", "s"), and the third count in
     * entriesUnit ("entries", "writes seen"), or null when it counts nothing of its own.
     */
    default WalkProgress start(String label, String unit, String entriesUnit) {
        return start(label);
    }

    /** Ends whatever progress the last command showed. */
    void finish();

    /** Ends the progress of a command that failed (not "done"). */
    default void fail() {
        finish();
    }
}
