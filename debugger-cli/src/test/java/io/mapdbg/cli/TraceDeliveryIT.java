package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.request.EventRequestManager;
import io.mapdbg.examples.bench.PutLoad;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Trace delivery against a target that writes its hot map flat out (PutLoad): a printer that cannot keep up
 * drops and counts instead of growing memory or holding the target, the count reaches the user, and a normal
 * queue prints every hit of a --count trace.
 */
@ExtendWith(KillTargetsAfterAll.class)
class TraceDeliveryIT {
    private static final String HOT = PutLoad.class.getName() + ".HOT";
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String QUEUE = "mapdbg.traceQueue";

    private static TargetJvm jvm;
    private static String pid;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(PutLoad.class, "--others", "1");
        jvm.awaitLine("READY"::equals, Fixtures.START);
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @AfterEach
    void defaultQueue() {
        System.clearProperty(QUEUE);
    }

    @Test
    void aNormalQueuePrintsExactlyCountHitsAndSaysNothingWasDropped() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, "mapassign", "--map", HOT, "--count", "50", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = json(ran.out(), n -> "hit".equals(n.path("type").asString()));
        assertThat(hits).as(ran.toString()).hasSize(50);
        assertThat(hits.stream().map(h -> h.get("hit").asLong()).toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(hits).allSatisfy(h -> assertThat(h.at("/thread/name").asString()).isEqualTo("hot-writer"));
        JsonNode last = lastJson(ran.out());
        assertThat(last.get("outcome").asString()).as(ran.toString()).isEqualTo("nothing-armed");
        assertThat(last.get("dropped").asLong()).isZero();
        assertThat(json(ran.out(), n -> "dropped".equals(n.path("type").asString()))).isEmpty();
        assertThat(printerThreads()).isEmpty();
    }

    @Test
    void aSlowPrinterDropsAndCountsAndTheOneShotsLastLineSaysHowMany() {
        System.setProperty(QUEUE, "4");
        int count = 400;
        SlowLines lines = new SlowLines(20);
        PrintStream slow = new PrintStream(lines, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(Cli.stdin(""), slow, new PrintStream(err, true, StandardCharsets.UTF_8), false);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> main.run("trace", pid, "mapassign", "--map",
                HOT, "--count", Integer.toString(count), "--json"));
        int code = exit.orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join();
        String out = lines.text();
        assertThat(code).as(out + err).isZero();
        long printed = json(out, n -> "hit".equals(n.path("type").asString())).size();
        JsonNode last = lastJson(out);
        long dropped = last.get("dropped").asLong();
        assertThat(dropped).as(out).isPositive();
        assertThat(printed + dropped).as("every hit of --count is printed or counted as dropped:\n" + out).isEqualTo(count);
        List<JsonNode> notes = json(out, n -> "dropped".equals(n.path("type").asString()));
        assertThat(notes).as(out).isNotEmpty();
        assertThat(notes.get(notes.size() - 1).get("dropped").asLong()).isEqualTo(dropped);
        assertThat(notes).allSatisfy(n -> assertThat(n.get("breakpoint").asString()).isEqualTo("b1"));
        assertThat(printerThreads()).isEmpty();
    }

    @Test
    void theReplSaysDropsAsTheyHappenListsThemAndClearallAndDetachLeaveNothingArmed() throws Exception {
        System.setProperty(QUEUE, "4");
        try (PipedOutputStream commands = new PipedOutputStream()) {
            PipedInputStream in = new PipedInputStream(commands);
            SlowLines out = new SlowLines(20);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new Main(in,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()), false)
                    .run("attach", pid));
            send(commands, "trace t1 mapassign --map " + HOT);
            out.await(s -> s.contains("events dropped (printer could not keep up)"), BOUND);
            assertThat(out.text()).containsPattern("trace t1: [\\d,]+ events dropped \\(printer could not keep up\\)");
            send(commands, "breakpoints --json");
            out.await(s -> s.contains("\"breakpoints\""), BOUND);
            send(commands, "clearall");
            out.await(s -> s.contains("cleared t1"), BOUND);
            assertThat(printerThreads()).as("clearall ends the printer").isEmpty();
            send(commands, "trace t2 mapassign --map " + HOT);
            out.await(s -> s.contains("[t2 #1]"), BOUND);
            send(commands, "detach");
            assertThat(exit.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isZero();
            JsonNode listed = json(out.text(), n -> n.has("breakpoints")).get(0).get("breakpoints").get(0);
            assertThat(listed.get("name").asString()).isEqualTo("t1");
            assertThat(listed.get("dropped").asLong()).isPositive();
            assertThat(listed.get("hits").asLong()).isGreaterThanOrEqualTo(listed.get("dropped").asLong());
        }
        assertThat(printerThreads()).as("detach ends the printer").isEmpty();
        try (Session again = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
            EventRequestManager erm = again.vm().eventRequestManager();
            assertThat(erm.breakpointRequests().size() + erm.classPrepareRequests().size()
                    + erm.methodExitRequests().size()).isZero();
        }
    }

    private static List<String> printerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter("mapdbg-trace-printer"::equals).toList();
    }

    private static List<JsonNode> json(String out, Predicate<JsonNode> which) {
        return out.lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree).filter(which).toList();
    }

    private static JsonNode lastJson(String out) {
        List<JsonNode> all = json(out, n -> true);
        return all.get(all.size() - 1);
    }

    private static void send(OutputStream to, String line) throws IOException {
        to.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        to.flush();
    }

    /** A terminal that takes its time: each line written costs millisPerLine, as a slow pipe or ssh session. */
    private static final class SlowLines extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long millisPerLine;

        SlowLines(long millisPerLine) {
            this.millisPerLine = millisPerLine;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    try {
                        Thread.sleep(millisPerLine);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    break;
                }
            }
            synchronized (this) {
                bytes.write(b, off, len);
                notifyAll();
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void await(Predicate<String> p, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!p.test(text())) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("mapdbg did not print what was expected; out so far:\n" + text());
                }
                wait(left);
            }
        }
    }
}
