package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.request.EventRequestManager;
import io.mapdbg.examples.fixtures.WritersFixture;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3 end to end, one REPL session per test as a user types it: stop the writer of one key, inspect it
 * (print, stack, threads), change the condition, trace with a bound, mapgrow, expression errors, on-commands,
 * and the target left with no request and its writers running after clearall, detach and end of input. The
 * truth is what {@link WritersFixture} prints just before each put ({@code put <key> <value> size <n>}).
 */
@ExtendWith(KillTargetsAfterAll.class)
class BreakAndInspectIT {
    private static final String FIXTURE = WritersFixture.class.getName();
    private static final String ORDERS = FIXTURE + ".ORDERS";
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern ROUND = Pattern.compile("round (\\d+)");
    private static final Pattern PUT = Pattern.compile("put (order-\\d+) (v\\d+) size (\\d+)");
    private static final Pattern PRINTED_STRING = Pattern.compile("(\\w+) = \"(.*)\" \\(java\\.lang\\.String\\)");
    private static final Pattern HIT_KEY = Pattern.compile("key \"(order-\\d+)\" value \"(v\\d+)\"");

    private static TargetJvm jvm;
    private static String pid;

    @TempDir
    static Path cacheDir;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(WritersFixture.class, "--print-puts");
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
    void conditionalBreakStopsOnlyOnThatKeyAndPrintStackThreadsAgreeWithTheTarget() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("break w mapassign --map " + ORDERS + " if key == \"order-7\"");
            repl.awaitOutContaining("w: break mapassign");
            // armed is live: the writer stops at its next order-7 with no continue (a continue now could resume it)
            String hit = repl.awaitOut(l -> l.startsWith("[w #1]"), "the first hit of w");
            assertThat(hit).contains("writer-orders", "java.util.HashMap.putVal", ORDERS, "key \"order-7\"",
                    "from " + FIXTURE, "[stopped");

            // print: the arguments and the map's size, against what the fixture printed before this put
            repl.send("print key");
            assertThat(repl.awaitOut(l -> l.startsWith("key = "), "print key")).isEqualTo("key = \"order-7\" (java.lang.String)");
            repl.send("print value");
            String value = printedString(repl.awaitOut(l -> l.startsWith("value = "), "print value"));
            Matcher put = PUT.matcher(jvm.awaitLine(l -> l.startsWith("put order-7 " + value + " "), BOUND));
            assertThat(put.matches()).isTrue();
            assertThat(hit).contains("value \"" + value + "\"");
            repl.send("print this.size");
            assertThat(repl.awaitOut(l -> l.startsWith("this.size = "), "print this.size"))
                    .startsWith("this.size = " + put.group(3) + " (int)");
            repl.send("print this == " + ORDERS);
            assertThat(repl.awaitOut(l -> l.startsWith("this == "), "this == ORDERS")).contains("= true");
            repl.send("print key == \"order-7\"");
            assertThat(repl.awaitOut(l -> l.startsWith("key == "), "print key == \"order-7\""))
                    .isEqualTo("key == \"order-7\" = true (boolean)");
            repl.send("print key == \"order-8\"");
            assertThat(repl.awaitOut(l -> l.startsWith("key == "), "print key == \"order-8\"")).contains("= false");

            // stack: putVal on top, the fixture's writer below it, on the writer-orders thread
            repl.send("stack");
            String header = repl.awaitOut(l -> l.startsWith("\"writer-orders\""), "stack header");
            assertThat(header).contains("AT_BREAKPOINT"); // stopped there, not shown as RUNNABLE (issue 16.3)
            List<String> frames = new ArrayList<>();
            frames.add(repl.awaitOut(l -> l.contains("#0 "), "frame #0"));
            assertThat(frames.get(0)).contains("java.util.HashMap.putVal(");
            frames.add(repl.awaitOut(l -> l.contains(FIXTURE), "a frame in the fixture"));
            assertThat(frames.get(1)).containsPattern("#\\d+\\s+" + Pattern.quote(FIXTURE));

            // threads: the stopped writer is listed, with putVal as its top frame
            repl.send("threads -s runnable --name writer-orders");
            String row = repl.awaitOut(l -> l.matches("\\s+\\d+\\s+\\w+\\s+.*writer-orders.*"), "the writer's row in threads");
            assertThat(row).contains("AT_BREAKPOINT", "java.util.HashMap.putVal("); // its JVM state is RUNNABLE: stopped at w

            // continue: the next stop is order-7 of the next round, nothing in between
            repl.send("continue");
            String second = repl.awaitOut(l -> l.startsWith("[w #2]"), "the second hit of w");
            assertThat(second).contains("key \"order-7\"");
            assertThat(second).doesNotContain("value \"" + value + "\"");
            Matcher next = HIT_KEY.matcher(second);
            assertThat(next.find()).isTrue();
            assertThat(round(next.group(2))).isEqualTo(round(value) + 1);
            repl.awaitOutContaining("resumed 1 thread(s); stopped at w in writer-orders");

            // cond: the stop moves to order-9 of the same round
            repl.send("cond w key == \"order-9\"");
            repl.send("continue");
            String third = repl.awaitOut(l -> l.startsWith("[w #3]"), "the hit after cond");
            assertThat(third).contains("key \"order-9\"", "value \"" + next.group(2) + "\"");
            repl.send("print key");
            assertThat(repl.awaitOut(l -> l.startsWith("key = "), "print key")).isEqualTo("key = \"order-9\" (java.lang.String)");

            repl.send("clear w");
            repl.awaitOutContaining("cleared w");
            repl.send("continue"); // clear leaves the writer stopped (as its help says) until continue
            repl.awaitOutContaining("resumed 1 thread(s); running; no breakpoint left armed");
            long stoppedIn = round(next.group(2));
            jvm.awaitLine(l -> ROUND.matcher(l).matches() && roundOf(l) > stoppedIn + 1, BOUND);
            repl.send("breakpoints");
            repl.awaitOutContaining("no breakpoints");
            repl.send("detach");
            assertThat(repl.awaitExit()).as(repl.toString()).isZero();
            assertThat(repl.out().lines().filter(l -> l.startsWith("[w #"))).as(repl.out()).hasSize(3);
        }
    }

    @Test
    void traceWithCountPrintsExactlyFiveConsecutiveWritesThenDisarms() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("trace t mapassign --map " + ORDERS + " --count 5");
            repl.awaitOutContaining("t: trace mapassign");
            repl.send("continue");
            repl.awaitOutContaining("no breakpoint left armed");
            repl.send("breakpoints --json");
            JsonNode listed = Cli.JSON.readTree(repl.awaitOut(l -> l.startsWith("{"), "breakpoints --json"));
            JsonNode t = listed.get("breakpoints").get(0);
            assertThat(t.get("name").asString()).isEqualTo("t");
            assertThat(t.get("state").asString()).isEqualTo("done");
            assertThat(t.get("hits").asLong()).isEqualTo(5);
            // the writer runs on for a while: still no sixth line
            writersRunOn();
            repl.send("detach");
            assertThat(repl.awaitExit()).as(repl.toString()).isZero();

            List<String> hits = repl.out().lines().filter(l -> l.startsWith("[t #")).toList();
            assertThat(hits).as(repl.out()).hasSize(5);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                assertThat(hits.get(i)).startsWith("[t #" + (i + 1) + "] writer-orders").doesNotContain("[stopped");
                Matcher m = HIT_KEY.matcher(hits.get(i));
                assertThat(m.find()).as(hits.get(i)).isTrue();
                seen.add(m.group(1) + " " + m.group(2));
            }
            // truth: five puts the fixture made one after the other
            List<String> puts = jvm.output().stream().map(PUT::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1) + " " + m.group(2)).toList();
            int first = puts.indexOf(seen.get(0));
            assertThat(first).as("the first traced write is one the fixture made: " + seen.get(0)).isNotNegative();
            assertThat(puts.subList(first, first + 5)).isEqualTo(seen);
        }
    }

    @Test
    void mapgrowReportsEachDoublingOfTheGrowersMapIncluding16To32() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("trace g mapgrow --thread grower --count 5 --json");
            repl.send("continue");
            repl.awaitOutContaining("no breakpoint left armed");
            repl.send("detach");
            assertThat(repl.awaitExit()).as(repl.toString()).isZero();
            List<JsonNode> hits = repl.out().lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree)
                    .filter(n -> "hit".equals(n.path("type").asString())).toList();
            assertThat(hits).as(repl.out()).hasSize(5);
            // the grower fills a fresh HashMap with 100 entries: 0 -> 16 -> 32 -> 64 -> 128 -> 256, over and over
            List<String> steps = List.of("0->16", "16->32", "32->64", "64->128", "128->256");
            List<String> seen = hits.stream().map(h -> h.get("capacityBefore").asInt() + "->" + h.get("capacityAfter").asInt())
                    .toList();
            int at = steps.indexOf(seen.get(0));
            assertThat(at).as(seen.toString()).isNotNegative();
            for (int i = 0; i < 5; i++) {
                assertThat(seen.get(i)).as(seen.toString()).isEqualTo(steps.get((at + i) % 5));
            }
            JsonNode grow = hits.get(seen.indexOf("16->32"));
            assertThat(grow.get("capacityBefore").asInt()).isEqualTo(16);
            assertThat(grow.get("capacityAfter").asInt()).isEqualTo(32);
            assertThat(grow.at("/thread/name").asString()).isEqualTo("grower");
            assertThat(grow.get("location").asString()).isEqualTo("java.util.HashMap.resize");
        }
    }

    @Test
    void expressionErrorsNameTheColumnAndTheSessionGoesOn() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("print key ==");
            String printError = repl.awaitErr(l -> l.startsWith("mapdbg: print"), "the print error");
            assertThat(printError).contains("column 7");
            repl.send("break x mapassign if key == (");
            String breakError = repl.awaitErr(l -> l.startsWith("mapdbg: "), "the break error");
            assertThat(breakError).contains("column 9");
            repl.send("print 6 * 7");
            assertThat(repl.awaitOut(l -> l.startsWith("6 * 7 = "), "print 6 * 7")).startsWith("6 * 7 = 42");
            repl.send("breakpoints");
            repl.awaitOutContaining("no breakpoints");
            repl.send("detach");
            assertThat(repl.awaitExit()).as("two lines failed: " + repl).isEqualTo(1);
        }
    }

    @Test
    void onCommandsPrintTheKeyAndAShortStackAtEachHit() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            // armed on a key never written, so the on-commands are in place before the first stop
            repl.send("break w mapassign --map " + ORDERS + " --count 2 if key == \"no-such-key\"");
            repl.send("on w print key");
            repl.send("on w stack 3");
            repl.send("on w print key == \"order-7\"");
            repl.send("cond w key == \"order-7\"");
            repl.awaitOut(l -> l.startsWith("[w #1]"), "the first hit");
            assertThat(repl.awaitOut(l -> l.startsWith("key = ") || l.startsWith("mapdbg: on"), "on w print key"))
                    .isEqualTo("key = \"order-7\" (java.lang.String)");
            repl.awaitOut(l -> l.startsWith("\"writer-orders\""), "on w stack 3: its header");
            assertThat(repl.awaitOut(l -> l.contains("#0 "), "frame #0")).contains("java.util.HashMap.putVal(");
            assertThat(repl.awaitOut(l -> l.startsWith("key == ") || l.startsWith("mapdbg: on"), "on w print key == ..."))
                    .isEqualTo("key == \"order-7\" = true (boolean)");
            repl.send("continue");
            repl.awaitOut(l -> l.startsWith("[w #2]"), "the second hit");
            assertThat(repl.awaitOut(l -> l.startsWith("key = ") || l.startsWith("mapdbg: on"), "on w print key"))
                    .isEqualTo("key = \"order-7\" (java.lang.String)");
            repl.awaitOutContaining("stopped at w in writer-orders");
            repl.send("clearall");
            repl.awaitOutContaining("cleared w");
            repl.send("detach");
            assertThat(repl.awaitExit()).as(repl.toString()).isZero();
            // stack 3: three frames after each header, no more
            List<String> out = repl.out().lines().toList();
            int header = out.indexOf(out.stream().filter(l -> l.startsWith("\"writer-orders\"")).findFirst().orElseThrow());
            List<String> frameLines = out.subList(header + 1, out.size()).stream()
                    .takeWhile(l -> l.startsWith("   ") || l.startsWith("=> ")).filter(l -> l.matches("(=> | {3})#\\d.*")).toList();
            assertThat(frameLines).as(repl.out()).hasSize(3);
            assertThat(String.join("\n", out)).contains("more frames");
        }
    }

    @Test
    void clearallThenDetachLeaveNoRequestAndTheWritersRunOn() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("break w mapassign --map " + ORDERS + " if key == \"order-3\"");
            repl.send("trace g mapgrow --thread grower");
            repl.send("break late " + FIXTURE + "$Late.record");
            repl.send("on w print key");
            repl.send("continue");
            repl.awaitOutContaining("stopped at w in writer-orders");
            repl.send("clearall");
            assertThat(repl.awaitOutContaining("cleared ")).contains("w", "g", "late", "resumed 1 stopped thread(s)");
            writersRunOn(); // while still attached
            repl.send("detach");
            assertThat(repl.awaitExit()).as(repl.toString()).isZero();
        }
        assertNoRequestLeft();
        writersRunOn();
    }

    @Test
    void detachWithAThreadStoppedAndEndOfInputLeaveNoRequestAndTheWritersRunOn() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("break w mapassign --map " + ORDERS + " if key == \"order-5\"");
            repl.send("trace g mapgrow --thread grower");
            repl.send("continue");
            repl.awaitOutContaining("stopped at w in writer-orders");
            repl.send("detach");
            assertThat(repl.awaitExit()).as(repl.toString()).isZero();
        }
        assertNoRequestLeft();
        writersRunOn();
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("break w mapassign --map " + ORDERS + " if key == \"order-5\"");
            repl.send("continue");
            repl.awaitOutContaining("stopped at w in writer-orders");
            assertThat(repl.endInput()).as(repl.toString()).isZero(); // Ctrl-D, or the end of a piped script
        }
        assertNoRequestLeft();
        writersRunOn();
    }

    private static void assertNoRequestLeft() {
        try (Session again = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
            EventRequestManager erm = again.vm().eventRequestManager();
            assertThat(erm.breakpointRequests()).isEmpty();
            assertThat(erm.stepRequests()).isEmpty();
            assertThat(erm.methodExitRequests()).isEmpty();
            assertThat(erm.methodEntryRequests()).isEmpty();
            assertThat(erm.classPrepareRequests()).isEmpty();
            // and no thread is left suspended by us
            again.vm().allThreads().stream().filter(th -> th.name().startsWith("writer-") || th.name().equals("grower"))
                    .forEach(th -> assertThat(th.suspendCount()).as(th.name()).isZero());
        }
    }

    /** Two more rounds of writer-orders complete after the latest one printed so far (each round is 20 puts). */
    private static void writersRunOn() {
        long seen = jvm.output().stream().mapToLong(BreakAndInspectIT::roundOf).max().orElse(0);
        jvm.awaitLine(l -> ROUND.matcher(l).matches() && roundOf(l) > seen + 1, BOUND);
    }

    private static String printedString(String line) {
        Matcher m = PRINTED_STRING.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return m.group(2);
    }

    private static long round(String value) {
        return Long.parseLong(value.substring(1));
    }

    private static long roundOf(String line) {
        Matcher m = ROUND.matcher(line);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
