package io.mapdbg.frontend;

import io.mapdbg.inspect.WalkProgress;

import java.io.PrintStream;

/**
 * Progress of a long walk on stderr: silent for the first second (short commands stay clean), then on a terminal
 * one line rewritten in place a few times a second and cleared (ESC[K) when it ends, so that nothing of it is left
 * behind the next output; elsewhere a plain line every few seconds. It says what it counts: "reading maps: 607/616
 * maps (98%)", "walking X: 1,024/4,096 bins (25%), 3,100 entries".
 */
public final class ProgressLine implements WalkProgress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;
    private static final long EVERY_NANOS_PLAIN = 5_000_000_000L;
    private static final String CLEAR = "\r\033[K";

    private final PrintStream err;
    private final String label;
    private final String unit;
    private final String entriesUnit;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastShown;
    private boolean shown;

    public ProgressLine(PrintStream err, String label) {
        this(err, label, null, "entries", false);
    }

    public ProgressLine(PrintStream err, String label, String unit, String entriesUnit, boolean terminal) {
        this.err = err;
        this.label = label;
        this.unit = unit;
        this.entriesUnit = entriesUnit;
        this.terminal = terminal;
    }

    @Override
    public synchronized void update(long done, long total, long entries) {
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || (shown && now - lastShown < (terminal ? EVERY_NANOS : EVERY_NANOS_PLAIN))) {
            return;
        }
        lastShown = now;
        shown = true;
        String pct = total > 0 ? String.format(" (%d%%)", Math.min(100, done * 100 / total)) : "";
        String counted = entriesUnit == null ? "" : String.format(", %,d %s", entries, entriesUnit);
        String text = String.format("%s: %,d/%,d%s%s%s, %.1fs", label, done, total, unit == null ? "" : " " + unit, pct,
                counted, (now - start) / 1e9);
        if (terminal) {
            err.print(CLEAR + text);
        } else {
            err.println(text);
        }
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
            String text = String.format("%s: %s %.1fs", label, how, (System.nanoTime() - start) / 1e9);
            err.println(terminal ? CLEAR + text : text);
            err.flush();
            shown = false;
        }
    }
}
