package io.mapdbg.frontend;

import io.mapdbg.command.ProgressSink;
import io.mapdbg.inspect.WalkProgress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Progress lines on stderr, one per long command: rewritten in place on a terminal, plain lines now and then when
 * stderr is a file or a pipe (no carriage returns or escape codes there).
 */
public final class ProgressLines implements ProgressSink {
    private final PrintStream err;
    private final boolean terminal;
    private ProgressLine current;

    /** For the process's own stderr: whether it is a terminal is found out (stderrIsTerminal). */
    public ProgressLines(PrintStream err) {
        this(err, err == System.err && stderrIsTerminal());
    }

    public ProgressLines(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Whether fd 2 is a terminal: -Dmapdbg.stderrTty=true|false (scripts/mapdbg sets it from [ -t 2 ]), else on Linux
     * where /proc/self/fd/2 points; false when unknown (plain lines are safe everywhere).
     */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty("mapdbg.stderrTty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized WalkProgress start(String label) {
        return start(label, null, "entries");
    }

    @Override
    public synchronized WalkProgress start(String label, String unit, String entriesUnit) {
        finish();
        current = new ProgressLine(err, label, unit, entriesUnit, terminal);
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
