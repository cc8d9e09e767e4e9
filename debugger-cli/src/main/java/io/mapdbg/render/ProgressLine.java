package io.mapdbg.render;

import io.mapdbg.inspect.WalkProgress;

import java.io.PrintStream;

/**
 * Progress of a long walk on stderr: silent for the first second (short commands stay clean), then one
 * line rewritten in place a few times a second; finish() ends the line.
 */
public final class ProgressLine implements WalkProgress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream err;
    private final String label;
    private final long start = System.nanoTime();
    private long lastShown;
    private boolean shown;

    public ProgressLine(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public synchronized void update(long done, long total, long entries) {
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || now - lastShown < EVERY_NANOS) {
            return;
        }
        lastShown = now;
        shown = true;
        String pct = total > 0 ? String.format(" (%d%%)", Math.min(100, done * 100 / total)) : "";
        err.printf("\r%s: %,d/%,d%s, %,d entries, %.1fs   ", label, done, total, pct, entries, (now - start) / 1e9);
        err.flush();
    }

    public synchronized void finish() {
        end("done in");
    }

    /** Ends the line of a walk that failed: it must not claim to be done. */
    public synchronized void fail() {
        end("stopped after");
    }

    private void end(String how) {
        if (shown) {
            err.printf("\r%s: %s %.1fs%n", label, how, (System.nanoTime() - start) / 1e9);
            err.flush();
            shown = false;
        }
    }
}
