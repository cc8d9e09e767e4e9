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

    /** Ends whatever progress the last command showed. */
    void finish();

    /** Ends the progress of a command that failed (not "done"). */
    default void fail() {
        finish();
    }
}
