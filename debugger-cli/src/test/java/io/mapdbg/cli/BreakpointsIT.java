package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.WritersFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** break/trace/continue against live writer threads, through the piped REPL as a user drives it. */
@ExtendWith(KillTargetsAfterAll.class)
class BreakpointsIT {
    private static final String FIXTURE = WritersFixture.class.getName();
    private static final String ORDERS = FIXTURE + ".ORDERS";
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Pattern ROUND = Pattern.compile("round (\\d+)");

    private static TargetJvm jvm;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(WritersFixture.class);
        jvm.awaitLine("READY"::equals, Fixtures.START);
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void traceWithCountPrintsExactlyThatManyHitsOnTheMapThenDisarms() {
        String script = "trace mapassign --map " + ORDERS + " --count 5 --json\n"
                + "continue\n"
                + "breakpoints --json\n"
                + "buckets " + ORDERS + " --json --bins 0-63 --chain-entries 64\n"
                + "detach\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = json(ran.out(), n -> "hit".equals(n.path("type").asString()));
        assertThat(hits).as(ran.toString()).hasSize(5);
        JsonNode layout = json(ran.out(), n -> n.has("nonEmptyBins")).get(0);
        String keysInMap = layout.get("bins").toString();
        for (JsonNode hit : hits) {
            assertThat(hit.get("breakpoint").asString()).isEqualTo("b1");
            assertThat(hit.at("/thread/name").asString()).isEqualTo("writer-orders");
            assertThat(hit.get("location").asString()).isEqualTo("java.util.HashMap.putVal");
            assertThat(hit.at("/map/path").asString()).isEqualTo(ORDERS);
            assertThat(hit.at("/map/class").asString()).isEqualTo("java.util.HashMap");
            assertThat(hit.get("key").asString()).matches("\"order-\\d+\"");
            assertThat(hit.get("value").asString()).matches("\"v\\d+\"");
            assertThat(hit.get("caller").asString()).startsWith(FIXTURE);
            assertThat(hit.get("stopped").asBoolean()).isFalse();
            assertThat(keysInMap).contains(hit.get("key").asString().replace("\"", "\\\""));
        }
        assertThat(hits.stream().map(h -> h.get("hit").asLong()).toList()).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode listed = json(ran.out(), n -> n.has("breakpoints")).get(0).get("breakpoints").get(0);
        assertThat(listed.get("state").asString()).isEqualTo("done");
        assertThat(listed.get("hits").asLong()).isEqualTo(5);
        assertThat(listed.get("note").isNull()).isTrue();
    }

    @Test
    void conditionalBreakStopsTheWriterOnExactlyThatKeyAndContinueResumesIt() {
        String script = "break w mapassign --map " + ORDERS + " if key == \"order-7\"\n" // the splitter eats the quotes
                + "continue\n"
                + "breakpoints\n"
                + "clear w\n"
                + "continue\n"
                + "detach\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        String out = ran.out();
        assertThat(out).contains("w: break mapassign", "note: a JDI breakpoint in HashMap.putVal");
        List<String> hits = out.lines().filter(l -> l.startsWith("[w #")).toList();
        // the writer can reach order-7 between `break` and `continue`: then `continue` resumes that stop and the
        // next round (100 ms later) stops it again; never any other key, never more than those two
        assertThat(hits).as(out).hasSizeBetween(1, 2);
        for (String hit : hits) {
            assertThat(hit).contains("writer-orders", "java.util.HashMap.putVal", ORDERS, "key \"order-7\"",
                    "from " + FIXTURE, "[stopped");
        }
        assertThat(out).contains("stopped at w in writer-orders", "cleared w", "resumed 1 thread(s)");
        writersKeepRunning();
    }

    @Test
    void mapgrowOnOneThreadReportsEachCapacityDoubling() {
        String script = "trace g mapgrow --thread grower --count 4 --json\ncontinue\ndetach\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = json(ran.out(), n -> "hit".equals(n.path("type").asString()));
        assertThat(hits).hasSize(4);
        for (JsonNode hit : hits) {
            assertThat(hit.at("/thread/name").asString()).isEqualTo("grower");
            assertThat(hit.get("location").asString()).isEqualTo("java.util.HashMap.resize");
            int before = hit.get("capacityBefore").asInt();
            int after = hit.get("capacityAfter").asInt();
            assertThat(after).as(hit.toString()).isEqualTo(before == 0 ? 16 : 2 * before);
        }
        assertThat(hits.stream().filter(h -> h.get("capacityBefore").asInt() == 16
                && h.get("capacityAfter").asInt() == 32)).isNotEmpty();
    }

    @Test
    void aLocationInAClassNotLoadedYetResolvesWhenItLoads() throws Exception {
        try (PipedOutputStream commands = new PipedOutputStream()) {
            PipedInputStream in = new PipedInputStream(commands);
            SyncedBytes out = new SyncedBytes();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new Main(in,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()), false)
                    .run("attach", pid));
            send(commands, "trace late " + FIXTURE + "$Late.record --count 1");
            out.await(s -> s.contains("pending until loaded: " + FIXTURE + "$Late"), BOUND);
            send(commands, "continue");
            OutputStream fixtureIn = jvm.process().getOutputStream();
            fixtureIn.write("load\n".getBytes(StandardCharsets.UTF_8));
            fixtureIn.flush();
            out.await(s -> s.contains("no breakpoint left armed"), BOUND);
            send(commands, "detach");
            assertThat(exit.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(out.text()).containsPattern("\\[late #1\\] loader \\(#\\d+\\) " + Pattern.quote(FIXTURE + "$Late.record"));
        }
    }

    private static void writersKeepRunning() {
        long seen = Long.parseLong(match(jvm.awaitLine(l -> ROUND.matcher(l).matches(), BOUND)));
        jvm.awaitLine(l -> ROUND.matcher(l).matches() && Long.parseLong(match(l)) > seen + 1, BOUND);
    }

    private static String match(String line) {
        Matcher m = ROUND.matcher(line);
        return m.matches() ? m.group(1) : "-1";
    }

    private static List<JsonNode> json(String out, Predicate<JsonNode> which) {
        return out.lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree).filter(which).toList();
    }

    private static void send(OutputStream to, String line) throws IOException {
        to.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        to.flush();
    }

    /** stdout of mapdbg under test, readable while it runs. */
    private static final class SyncedBytes extends OutputStream {
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
