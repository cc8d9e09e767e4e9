package io.mapdbg.cli;

import io.mapdbg.breakpoints.BreakpointListener;
import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Result;
import io.mapdbg.frontend.Output;

import java.io.PrintStream;
import java.util.List;

/**
 * The hits of a one-shot trace, written to stdout in batches: a line per hit with a flush per line costs a write
 * call each (stdout's buffer is 128 bytes), which held an agent-served trace to a few thousand hits a second on a
 * loaded machine. Hits are gathered and written at most every 50 ms or 64 KiB; a notice (armed, dropped, done, the
 * target gone) first writes the hits before it, so the order on stdout is the order they came in. Hits that stop
 * their thread or run on commands go through at once.
 */
final class BatchedHits implements BreakpointListener, AutoCloseable {
    private static final int MAX_CHARS = 1 << 16;
    private static final long EVERY_MILLIS = 50;

    private final BreakpointListener direct;
    private final Output output;
    private final PrintStream out;
    private final StringBuilder pending = new StringBuilder(); // guarded by this
    private final Thread writer;
    private volatile boolean closed;

    BatchedHits(BreakpointListener direct, Output output, PrintStream out) {
        this.direct = direct;
        this.output = output;
        this.out = out;
        this.writer = new Thread(this::writeEvery, "mapdbg-hit-batches");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void hit(BreakpointHit hit, boolean json, List<String> onCommands) {
        if (hit.stopped() || !onCommands.isEmpty()) {
            flush();
            direct.hit(hit, json, onCommands);
            return;
        }
        String line = output.format(hit, json);
        synchronized (this) {
            pending.append(line).append('\n');
            if (pending.length() >= MAX_CHARS) {
                flush();
            }
        }
    }

    @Override
    public void notice(Result notice, boolean json) {
        flush();
        direct.notice(notice, json);
    }

    synchronized void flush() {
        if (pending.length() > 0) {
            out.print(pending);
            out.flush();
            pending.setLength(0);
        }
    }

    private void writeEvery() {
        while (!closed) {
            try {
                Thread.sleep(EVERY_MILLIS); // pacing the output, not waiting for a state
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        flush();
    }
}
