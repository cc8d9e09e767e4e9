package io.mapdbg.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives {@link Main} in-process, as a user drives scripts/mapdbg, with a bound on how long a command may take. */
final class Cli {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration ONE_SHOT = Duration.ofSeconds(30);

    /** What one run of mapdbg left: exit code and the text on out and err. */
    record Ran(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out.strip());
            } catch (RuntimeException e) {
                throw new AssertionError("not one JSON object on out (exit " + exit + ", err: " + err + "):\n" + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private Cli() {
    }

    static Ran run(String... args) {
        return run(ONE_SHOT, new ByteArrayInputStream(new byte[0]), args);
    }

    /** Runs Main on its own thread; fails (does not hang) when it takes longer than timeout. */
    static Ran run(Duration timeout, InputStream in, String... args) {
        Started s = start(in, args);
        return s.await(timeout);
    }

    /** A run in progress, for tests that act on the target while mapdbg works. */
    static final class Started {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mapdbg-under-test");
            t.setDaemon(true);
            return t;
        });
        private Future<Integer> exit;

        String errSoFar() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        String outSoFar() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits (bounded) until err so far satisfies p. */
        void awaitErr(java.util.function.Predicate<String> p, Duration bound) {
            awaitText(this::errSoFar, p, bound, "err");
        }

        /** Waits (bounded) until out so far satisfies p. */
        void awaitOut(java.util.function.Predicate<String> p, Duration bound) {
            awaitText(this::outSoFar, p, bound, "out");
        }

        private void awaitText(java.util.function.Supplier<String> text, java.util.function.Predicate<String> p,
                               Duration bound, String which) {
            long deadline = System.nanoTime() + bound.toNanos();
            while (!p.test(text.get())) {
                if (System.nanoTime() > deadline || exit.isDone()) {
                    throw new AssertionError("not seen on " + which + " within " + bound + " (or mapdbg ended); out:\n"
                            + outSoFar() + "\nerr:\n" + errSoFar());
                }
                try {
                    Thread.sleep(20); // a poll for output, bounded above; not a synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        Ran await(Duration timeout) {
            try {
                int code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new Ran(code, out.toString(StandardCharsets.UTF_8), errSoFar());
            } catch (TimeoutException e) {
                exit.cancel(true);
                throw new AssertionError("mapdbg did not return within " + timeout + "; err so far:\n" + errSoFar());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException e) {
                throw new AssertionError("mapdbg threw instead of returning an exit code", e.getCause());
            } finally {
                thread.shutdownNow();
            }
        }
    }

    static Started start(InputStream in, String... args) {
        Started s = new Started();
        PrintStream o = new PrintStream(new LockedStream(s.out), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(new LockedStream(s.err), true, StandardCharsets.UTF_8);
        s.exit = s.thread.submit(() -> new Main(in, o, e, false).run(args));
        return s;
    }

    static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lets a test read err while mapdbg writes progress to it. */
    private static final class LockedStream extends java.io.OutputStream {
        private final ByteArrayOutputStream target;

        LockedStream(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            synchronized (target) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (target) {
                target.write(b, off, len);
            }
        }
    }
}
