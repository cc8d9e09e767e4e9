package io.mapdbg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A REPL session of {@link Main} in-process, fed one line at a time through a pipe, so a test can wait for what a
 * command printed (bounded) before it sends the next one, and act on the target in between.
 */
final class PipedRepl implements AutoCloseable {
    private final PipedOutputStream commands = new PipedOutputStream();
    private final Lines out = new Lines();
    private final Lines err = new Lines();
    private final CompletableFuture<Integer> exit;
    private final Duration bound;

    private PipedRepl(Duration bound, String... args) {
        this.bound = bound;
        PipedInputStream in;
        try {
            in = new PipedInputStream(commands, 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        exit = CompletableFuture.supplyAsync(() -> new Main(in, o, e, false).run(args));
    }

    /** mapdbg attach PID, each wait bounded by bound. */
    static PipedRepl attach(String pid, Duration bound) {
        PipedRepl repl = new PipedRepl(bound, "attach", pid);
        repl.err.await(s -> s.contains("attached to"), bound, "attached to");
        return repl;
    }

    /** mapdbg attach PID --agent (a JVM reached through the mapdbg agent only), each wait bounded by bound. */
    static PipedRepl attachAgent(String pid, Duration bound) {
        PipedRepl repl = new PipedRepl(bound, "attach", pid, "--agent");
        repl.err.await(s -> s.contains("attached to"), bound, "attached to");
        return repl;
    }

    void send(String line) {
        try {
            commands.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the REPL no longer reads commands; out:\n" + out.text() + "\nerr:\n" + err.text(), e);
        }
    }

    /** The next line on out (after the last one this returned) that satisfies p. */
    String awaitOut(Predicate<String> p, String what) {
        return out.awaitLine(p, bound, what, this);
    }

    String awaitOutContaining(String part) {
        return awaitOut(l -> l.contains(part), part);
    }

    /** The next line on err (after the last one this returned) that satisfies p. */
    String awaitErr(Predicate<String> p, String what) {
        return err.awaitLine(p, bound, what, this);
    }

    String out() {
        return out.text();
    }

    String err() {
        return err.text();
    }

    /** Ends input (as Ctrl-D or the end of a piped script does) and returns the exit code. */
    int endInput() {
        try {
            commands.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitExit();
    }

    int awaitExit() {
        try {
            return exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("mapdbg did not return within " + bound + "; " + this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("mapdbg threw instead of returning an exit code", e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            commands.close(); // end of input: the REPL detaches, if a test failed before it sent detach
        } catch (IOException e) {
            // already closed
        }
        try {
            exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the test reports its own failure; the target is killed by the test class
        }
    }

    @Override
    public String toString() {
        return "out so far:\n" + out.text() + "\n--- err so far:\n" + err.text();
    }

    /** One of mapdbg's streams, readable line by line while it runs. */
    private static final class Lines extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int cursor; // lines already returned by awaitLine

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void await(Predicate<String> p, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!p.test(text())) {
                waitUntil(deadline, what, text());
            }
        }

        synchronized String awaitLine(Predicate<String> p, Duration timeout, String what, PipedRepl repl) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<String> complete = completeLines();
                while (cursor < complete.size()) {
                    String line = complete.get(cursor++);
                    if (p.test(line)) {
                        return line;
                    }
                }
                waitUntil(deadline, what, repl.toString());
            }
        }

        private List<String> completeLines() {
            String s = text();
            int end = s.lastIndexOf('\n');
            return end < 0 ? List.of() : s.substring(0, end).lines().toList();
        }

        private void waitUntil(long deadline, String what, String context) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("mapdbg did not print " + what + " in time; " + context);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
