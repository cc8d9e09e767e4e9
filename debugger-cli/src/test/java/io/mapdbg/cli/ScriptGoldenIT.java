package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.OriginFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Scripts ({@code mapdbg trace <pid> <script.mdbg>}) against {@link OriginFixture}, their output compared with
 * golden files under src/test/resources/golden (ids, timings, line numbers and the VM masked; rewrite them with
 * -Dmapdbg.writeGolden=true), and checked against the truth the fixture prints about who spawns its writers.
 */
@ExtendWith(KillTargetsAfterAll.class)
class ScriptGoldenIT {
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final Duration BOUND = Duration.ofSeconds(120);

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;
    private static boolean spawning;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(OriginFixture.class);
        String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), Fixtures.START);
        jvm.awaitLine("READY"::equals, Fixtures.START);
        truth = Cli.JSON.readTree(line.substring("TRUTH ".length()));
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    static String script(String name) {
        return GOLDEN.resolve(name + ".mdbg").toString();
    }

    /** The fixture spawns its writers only after go: sent once origin on is armed, so every writer is recorded. */
    private static synchronized void startSpawning() {
        if (spawning) {
            return;
        }
        try {
            OutputStream in = jvm.process().getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot tell the fixture to go", e);
        }
        spawning = true;
    }

    private static Cli.Ran runOrigin(String... extra) {
        List<String> args = new ArrayList<>(List.of("trace", pid, script("origin")));
        args.addAll(List.of(extra));
        TraceRun run = TraceRun.start(args.toArray(String[]::new));
        run.awaitOut(s -> s.contains("origin on"), BOUND, "origin on");
        startSpawning();
        return run.await(BOUND);
    }

    @Test
    void originExampleNamesTheMethodThatSpawnedEachWriter() throws IOException {
        Cli.Ran ran = runOrigin();
        assertThat(ran.exit()).as(ran.toString()).isZero();
        golden("origin.out", ran.out());
        String spawner = truth.get("spawner").asString();
        String caller = truth.get("caller").asString();
        List<String> out = ran.out().lines().toList();
        int thread = indexOf(out, "origin of " + truth.get("threadWriter").asString() + " (#");
        assertThat(out.get(thread + 1)).as(ran.out()).contains("#0 " + spawner + "(");
        assertThat(out.get(thread + 2)).contains("#1 " + caller + "(");
        int pool = indexOf(out, "origin of " + truth.get("poolWriter").asString() + " (#");
        assertThat(out.get(pool + 1)).contains("#0 java.util.concurrent.ThreadPoolExecutor.addWorker(");
        assertThat(out.get(pool + 2)).contains("#1 java.util.concurrent.ThreadPoolExecutor.execute(");
        assertThat(out.get(pool + 3)).contains("#2 " + spawner + "(");
        assertThat(out.get(indexOf(out, "origin of " + truth.get("early").asString())))
                .contains("started before origin recording began");
        assertThat(ran.err()).contains("14 command(s), 0 failed, 2 hit(s) in runs");
    }

    @Test
    void jsonLinesParseAndEachHasAType() {
        Cli.Ran ran = runOrigin("--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> lines = ran.out().lines().map(Cli.JSON::readTree).toList();
        assertThat(lines).allSatisfy(n -> assertThat(n.path("type").asString()).isIn("result", "hit", "on", "notice", "end"));
        List<JsonNode> hits = lines.stream().filter(n -> n.get("type").asString().equals("hit")).toList();
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).get("key").asString()).isEqualTo("\"order-42\"");
        assertThat(hits.get(0).at("/thread/name").asString()).isEqualTo(truth.get("threadWriter").asString());
        assertThat(hits.get(1).get("key").asString()).isEqualTo("\"order-43\"");
        JsonNode origin = lines.stream().filter(n -> n.get("type").asString().equals("on")
                && n.at("/result/type").asString().equals("origin")).findFirst().orElseThrow();
        assertThat(origin.get("breakpoint").asString()).isEqualTo("w");
        assertThat(origin.at("/result/recorded").asBoolean()).isTrue();
        JsonNode frame0 = origin.at("/result/frames/0");
        assertThat(frame0.get("className").asString() + "." + frame0.get("method").asString())
                .isEqualTo(truth.get("spawner").asString());
        JsonNode run = lines.stream().filter(n -> n.at("/result/type").asString().equals("run")).findFirst().orElseThrow();
        assertThat(run.get("line").asInt()).isEqualTo(9);
        assertThat(run.at("/result/outcome").asString()).isEqualTo("hits");
        assertThat(run.at("/result/stop/breakpoint").asString()).isEqualTo("w");
        JsonNode end = lines.get(lines.size() - 1);
        assertThat(end.get("type").asString()).isEqualTo("end");
        assertThat(end.get("exit").asInt()).isZero();
        assertThat(end.get("hits").asLong()).isEqualTo(2);
        assertThat(end.get("stoppedBy").asString()).isEqualTo("detach");
    }

    @Test
    void aRuntimeErrorIsReportedWithItsLineAndTheScriptGoesOn() throws IOException {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, script("errors"));
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        golden("errors.out", ran.out());
        golden("errors.err", ran.err());
        assertThat(ran.err()).contains(script("errors") + ":2: origin: recording is off",
                script("errors") + ":3: class " + OriginFixture.class.getName() + " has no static field NO_SUCH_MAP",
                "6 command(s), 2 failed");
    }

    @Test
    void strictStopsAtTheFirstFailingLine() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, script("errors"), "--strict");
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err()).contains(script("errors") + ":2: origin: recording is off",
                "1 command(s), 1 failed", "stopped early: strict").doesNotContain(":3:");
    }

    @Test
    void aSyntaxErrorNamesLineAndColumnAndNeverTouchesTheTarget() throws IOException {
        // a target of its own that nothing has attached to: JDWP prints "Listening" once at start and again after
        // every detach (on a new port), so a second line would mean mapdbg attached (on the shared target a late
        // line from an earlier test's detach could not be told apart)
        try (TargetJvm fresh = TargetJvm.start(OriginFixture.class)) {
            int port = fresh.jdwpPort();
            String freshPid = Long.toString(fresh.pid());
            Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", freshPid, script("syntax"));
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(2);
            assertThat(ran.out()).isEmpty();
            golden("syntax.err", ran.err());
            assertThat(ran.err().strip()).startsWith(script("syntax") + ":6:9: ");
            // parsed before the target is even looked at: a pid with no process gives the same syntax error
            Cli.Ran dead = Cli.run(BOUND, Cli.stdin(""), "trace", "999999999", script("syntax"));
            assertThat(dead.exit()).isEqualTo(2);
            assertThat(dead.err()).isEqualTo(ran.err());
            assertThat(fresh.output()).filteredOn(l -> l.contains("Listening for transport")).as("never attached")
                    .hasSize(1);
            assertThat(fresh.jdwpPort()).isEqualTo(port);
        }
    }

    @Test
    void sourceRunsAScriptInTheReplAndASyntaxErrorRunsNothing() {
        String commands = "source " + script("syntax") + "\n"
                + "breakpoints\n"
                + "source " + script("errors") + "\n"
                + "detach\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(commands), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(ran.err()).contains("mapdbg: " + script("syntax") + ":6:9: stack: Unknown option: '--depht'");
        List<String> out = ran.out().lines().toList();
        assertThat(out.get(0)).as(ran.toString()).isEqualTo("no breakpoints"); // the script with the typo armed nothing
        assertThat(out).contains(script("errors") + ":2: origin: recording is off: origin on records where threads are started from then on",
                "origin on: recording where each new thread is started (a breakpoint on java.lang.Thread.start)",
                "source " + script("errors") + ": 6 command(s), 2 failed");
        assertThat(out.indexOf(script("errors") + ":2: origin: recording is off: origin on records where threads are started from then on"))
                .isLessThan(out.indexOf("io.mapdbg.examples.fixtures.OriginFixture.BY_ID.size > 0 = true (boolean)"));
    }

    @Test
    void runAtThePromptCountsItsOwnHits() {
        String commands = "trace e mapassign --map " + OriginFixture.class.getName() + ".BY_ID --thread early-writer --json\n"
                + "run 60s until 3 hits --json\n"
                + "clearall\n"
                + "detach\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(commands), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> json = ran.out().lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree).toList();
        JsonNode run = json.stream().filter(n -> n.path("type").asString().equals("run")).findFirst().orElseThrow();
        assertThat(run.get("outcome").asString()).isEqualTo("hits");
        assertThat(run.get("hits").asLong()).isEqualTo(3);
        List<Long> numbers = json.stream().filter(n -> n.path("type").asString().equals("hit")).map(n -> n.get("hit").asLong()).toList();
        // at the prompt hits print from the moment the trace is armed; the run took the last three before its line
        int runAt = json.indexOf(run);
        assertThat(numbers.size()).isGreaterThanOrEqualTo(3);
        assertThat(json.subList(0, runAt).stream().filter(n -> n.path("type").asString().equals("hit")).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void jsonErrorsCarryFileAndLine() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, script("errors"), "--json");
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        List<JsonNode> errors = ran.out().lines().map(Cli.JSON::readTree).filter(n -> n.get("type").asString().equals("error")).toList();
        assertThat(errors).extracting(n -> n.get("line").asInt()).containsExactly(2, 3);
        assertThat(errors.get(0).get("file").asString()).isEqualTo(script("errors"));
        assertThat(errors.get(0).get("command").asString()).isEqualTo("origin");
        assertThat(errors.get(1).get("message").asString()).contains("NO_SUCH_MAP");
    }

    @Test
    void maxEventsEndsTheRunAndTheScriptAfterExactlyThatManyHits(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        long started = System.nanoTime();
        Path log = dir.resolve("trace.jsonl");
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, script("bounds"), "--json", "--max-events", "3",
                "--out", log.toString());
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).isEmpty(); // --out took it
        List<JsonNode> lines = Files.readAllLines(log).stream().map(Cli.JSON::readTree).toList();
        List<JsonNode> hits = lines.stream().filter(n -> n.get("type").asString().equals("hit")).toList();
        assertThat(hits).as(ran.out()).hasSize(3);
        assertThat(hits).allSatisfy(h -> assertThat(h.at("/thread/name").asString()).isEqualTo("early-writer"));
        JsonNode run = lines.stream().filter(n -> n.at("/result/type").asString().equals("run")).findFirst().orElseThrow();
        assertThat(run.at("/result/outcome").asString()).isEqualTo("limit");
        assertThat(run.at("/result/limit").asString()).isEqualTo("--max-events 3");
        JsonNode end = lines.get(lines.size() - 1);
        assertThat(end.get("stoppedBy").asString()).isEqualTo("--max-events 3");
        assertThat(end.get("commands").asInt()).isEqualTo(2); // threads, after the run, was skipped
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void durationEndsTheRunAndTheScript() {
        long started = System.nanoTime();
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, script("bounds"), "--duration", "1500ms");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        long hits = ran.out().lines().filter(l -> l.startsWith("[e #")).count();
        assertThat(ran.out()).containsPattern("run: " + hits + " hits? in \\d+\\.\\d s \\(--duration 1500ms reached\\)");
        assertThat(ran.err()).contains("stopped early: --duration 1500ms");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(60));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + start + " in\n" + String.join("\n", lines));
    }

    /** Compares masked text with the golden file (or writes it with -Dmapdbg.writeGolden=true). */
    static void golden(String name, String actual) throws IOException {
        String masked = mask(actual);
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("mapdbg.writeGolden")) {
            Files.writeString(file, masked);
        }
        assertThat(file).exists();
        assertThat(masked).as("golden " + file + " (rewrite with -Dmapdbg.writeGolden=true)\nactual:\n" + actual)
                .isEqualTo(Files.readString(file));
    }

    /** Ids, timings, line numbers, the VM and the pid change from run to run and between JDKs; the rest may not. */
    static String mask(String text) {
        return text.replaceAll("\\(#\\d+\\)", "(#ID)")
                .replaceAll("@\\d+", "@ID")
                .replaceAll("\\.java:\\d+\\)", ".java:L)")
                .replaceAll("( from \\S+):\\d+", "$1:L")
                .replaceAll("in \\d+\\.\\d s", "in T s")
                .replaceAll("armed in \\d+ places", "armed in N places")
                .replaceAll("pid \\d+, [^;\\n]*", "pid PID, VM")
                .replaceAll("(?m)^note: a JDI breakpoint in .*$", "note: a JDI breakpoint in ... (cost)");
    }
}
