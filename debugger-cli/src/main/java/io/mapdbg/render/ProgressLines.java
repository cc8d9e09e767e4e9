package io.mapdbg.render;

import io.mapdbg.command.ProgressSink;
import io.mapdbg.inspect.WalkProgress;

import java.io.PrintStream;

/** Progress lines on stderr, one per long command. */
public final class ProgressLines implements ProgressSink {
    private final PrintStream err;
    private ProgressLine current;

    public ProgressLines(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized WalkProgress start(String label) {
        finish();
        current = new ProgressLine(err, label);
        return current;
    }

    @Override
    public synchronized void finish() {
        if (current != null) {
            current.finish();
            current = null;
        }
    }

    @Override
    public synchronized void fail() {
        if (current != null) {
            current.fail();
            current = null;
        }
    }
}
