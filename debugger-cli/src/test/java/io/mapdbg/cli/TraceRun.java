package io.mapdbg.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** {@code mapdbg trace ...} in-process, its out and err readable while it runs (a test acts on the target meanwhile). */
final class TraceRun {
    private final Text out = new Text();
    private final Text err = new Text();
    private final CompletableFuture<Integer> exit;

    private TraceRun(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        exit = CompletableFuture.supplyAsync(() -> new Main(new ByteArrayInputStream(new byte[0]), o, e, false).run(args));
    }

    static TraceRun start(String... args) {
        return new TraceRun(args);
    }

    /** Waits (bounded) until out satisfies p. */
    void awaitOut(Predicate<String> p, Duration bound, String what) {
        out.await(p, bound, what, this);
    }

    Cli.Ran await(Duration bound) {
        try {
            int code = exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new Cli.Ran(code, out.text(), err.text());
        } catch (TimeoutException e) {
            exit.cancel(true);
            throw new AssertionError("mapdbg trace did not return within " + bound + "\n" + this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("mapdbg threw instead of returning an exit code\n" + this, e.getCause());
        }
    }

    @Override
    public String toString() {
        return "--- out:\n" + out.text() + "\n--- err:\n" + err.text();
    }

    private static final class Text extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

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

        synchronized void await(Predicate<String> p, Duration bound, String what, TraceRun run) {
            long deadline = System.nanoTime() + bound.toNanos();
            try {
                while (!p.test(text())) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || run.exit.isDone()) {
                        throw new AssertionError("no " + what + " within " + bound + "\n" + run);
                    }
                    wait(Math.min(left, 500));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
