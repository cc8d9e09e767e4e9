package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.ThreadsFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** threads, thread, stack, frame, args, locals through Main against ThreadsFixture and the truth it computed. */
@ExtendWith(KillTargetsAfterAll.class)
class ThreadsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String SETTLE = ThreadsFixture.Settlement.class.getName();

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(ThreadsFixture.class);
        try {
            String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), Fixtures.START);
            truth = Cli.JSON.readTree(line.substring("TRUTH ".length()));
            jvm.awaitLine("READY"::equals, Fixtures.START);
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void groupPutsTheFiftyIdleWorkersInOneGroupFirst() {
        Cli.Ran ran = Cli.run("threads", pid, "--group", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode first = ran.json().get("groups").get(0);
        assertThat(first.get("count").asInt()).isEqualTo(ThreadsFixture.WORKERS);
        assertThat(first.at("/states/WAITING").asInt()).isEqualTo(ThreadsFixture.WORKERS);
        assertThat(first.get("namesTruncated").asBoolean()).isTrue();
        first.get("threads").forEach(n -> assertThat(n.asString()).startsWith("fixture-worker-"));
        assertThat(frames(first.get("frames"))).contains(ThreadsFixture.class.getName() + ".idle");
        // the 3 blocked threads share one stack too
        JsonNode blocked = null;
        for (JsonNode g : ran.json().get("groups")) {
            if (g.at("/states/BLOCKED").asInt() > 0) {
                blocked = g;
            }
        }
        assertThat(blocked).isNotNull();
        assertThat(blocked.get("count").asInt()).isEqualTo(3);
        assertThat(frames(blocked.get("frames")).get(0)).isEqualTo(ThreadsFixture.class.getName() + ".enterMonitor");
        assertRunsOn();
    }

    @Test
    void everyFixtureThreadHasTheIdAndStateTheFixtureSaw() {
        Cli.Ran ran = Cli.run("threads", pid, "--top", "0", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Map<String, JsonNode> byName = new HashMap<>();
        ran.json().get("threads").forEach(t -> byName.put(t.get("name").asString(), t));
        assertThat(ran.json().get("truncated").asBoolean()).isFalse();
        JsonNode fixtureThreads = truth.get("threads");
        for (String name : fixtureThreads.propertyNames()) {
            JsonNode expected = fixtureThreads.get(name);
            assertThat(byName).as(name).containsKey(name);
            JsonNode seen = byName.get(name);
            assertThat(seen.get("id").asLong()).as(name).isEqualTo(expected.get("id").asLong());
            assertThat(seen.get("state").asString()).as(name).isEqualTo(expected.get("state").asString());
            assertThat(seen.get("daemon").asBoolean()).as(name).isEqualTo(expected.get("daemon").asBoolean());
        }
        assertThat(byName.get("fixture-sleeper").get("jdiStatus").asString()).isEqualTo("SLEEPING");
        assertThat(byName.get("fixture-settler").at("/frames/0/method").asString()).isEqualTo("park");
    }

    @Test
    void stateFilterListsExactlyTheBlockedAndTakesAnyCase() {
        TreeSet<String> expected = new TreeSet<>();
        truth.get("blocked").forEach(n -> expected.add(n.asString()));
        for (String word : List.of("BLOCKED", "blocked", "monitor")) {
            Cli.Ran ran = Cli.run("threads", pid, "-s", word, "--json");
            assertThat(ran.exit()).as(ran.toString()).isZero();
            TreeSet<String> names = new TreeSet<>();
            ran.json().get("threads").forEach(t -> {
                names.add(t.get("name").asString());
                assertThat(t.get("state").asString()).isEqualTo("BLOCKED");
                assertThat(t.at("/frames/0/method").asString()).isEqualTo("enterMonitor");
            });
            assertThat(names).as(word).isEqualTo(expected);
            assertThat(ran.json().get("matched").asInt()).isEqualTo(3);
        }
        Cli.Ran timed = Cli.run("threads", pid, "-s", "timed_waiting");
        assertThat(timed.out()).contains("fixture-sleeper").doesNotContain("fixture-worker-");
        Cli.Ran bad = Cli.run("threads", pid, "-s", "sleepy");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown thread state 'sleepy'");
    }

    @Test
    void nameRegexFilters() {
        Cli.Ran ran = Cli.run("threads", pid, "--name", "worker-4\\d$", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<String> names = new ArrayList<>();
        ran.json().get("threads").forEach(t -> names.add(t.get("name").asString()));
        assertThat(names).containsExactlyElementsOf(IntStream.range(40, 50).mapToObj(i -> "fixture-worker-" + i).toList());
        Cli.Ran text = Cli.run("threads", pid, "--name", "lock-holder");
        assertThat(text.out()).contains("1 match").contains("fixture-lock-holder").contains("WAITING");
    }

    @Test
    void threadStackFrameArgsAndLocalsOfAWaitingFrame() {
        JsonNode settle = truth.get("settle");
        long id = truth.at("/threads/fixture-settler/id").asLong();
        // first pass: find the index of settle's frame; the REPL keeps the focus between lines
        Cli.Ran first = Cli.run(BOUND, Cli.stdin("thread " + id + "\nstack --json\n"), "attach", pid);
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("\"fixture-settler\" #" + id).contains("a snapshot");
        JsonNode stack = jsonLines(first.out()).get(0);
        assertThat(stack.at("/thread/id").asLong()).isEqualTo(id);
        assertThat(stack.at("/frames/0/className").asString()).isEqualTo("jdk.internal.misc.Unsafe");
        assertThat(stack.get("snapshot").asBoolean()).isTrue();
        int index = -1;
        for (JsonNode f : stack.get("frames")) {
            if ((f.get("className").asString() + "." + f.get("method").asString()).equals(settle.get("method").asString())) {
                index = f.get("index").asInt();
                assertThat(f.get("line").asInt()).isPositive();
                assertThat(f.get("file").asString()).isEqualTo("ThreadsFixture.java");
            }
        }
        assertThat(index).as(stack.toString()).isPositive();

        String script = "thread fixture-settler\nframe " + index + "\nargs --json\nlocals --json\nstack --full\n"
                + "frame 999\nframe --json\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1); // frame 999 fails, the rest runs
        assertThat(ran.err()).contains("no frame 999");
        List<JsonNode> json = jsonLines(ran.out());
        Map<String, JsonNode> args = byName(json.get(0).get("variables"));
        assertThat(json.get(0).get("kind").asString()).isEqualTo("args");
        assertThat(args.keySet()).containsExactly("orderId", "amount", "deadline", "ledger");
        assertThat(args.get("orderId").get("value").asString()).isEqualTo("\"" + settle.get("orderId").asString() + "\"");
        assertThat(args.get("amount").get("value").asString()).isEqualTo(settle.get("amount").asString());
        assertThat(args.get("deadline").get("value").asString()).isEqualTo(settle.get("deadline").asString());
        assertThat(args.get("ledger").get("type").asString()).isEqualTo("java.util.Map");
        assertThat(args.get("ledger").get("id").asLong()).isPositive();
        assertThat(json.get(0).at("/thisObject/value").asString()).contains("merchant=\"acme\"");
        Map<String, JsonNode> locals = byName(json.get(1).get("variables"));
        assertThat(locals.get("label").get("value").asString()).isEqualTo("\"" + settle.get("label").asString() + "\"");
        assertThat(locals.get("doubled").get("value").asString()).isEqualTo(settle.get("doubled").asString());
        // stack --full: locals where a table exists, the note where not
        assertThat(ran.out()).contains("=> #" + index + " ").contains("no local variable information")
                .contains("frame #" + index + " " + settle.get("method").asString());
        // frame 999 left the focus on the settle frame: frame without N shows it
        assertThat(json.get(2).at("/frame/method").asString()).isEqualTo("settle");
        assertThat(json.get(2).at("/frame/index").asInt()).isEqualTo(index);
        assertRunsOn();
    }

    @Test
    void stackWithoutAFocusSaysHowToChooseAThread() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin("stack\nlocals\nthread 999999\n"), "attach", pid);
        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.err()).contains("no thread selected: use thread <id>").contains("no thread with id 999999");
    }

    /** The heartbeat advances: the target was left running. */
    private static void assertRunsOn() {
        String mark = jvm.awaitLine(l -> l.startsWith("beat "), BOUND);
        long seen = Long.parseLong(mark.substring(5));
        jvm.awaitLine(l -> l.startsWith("beat ") && Long.parseLong(l.substring(5)) > seen + 2, BOUND);
    }

    private static List<String> frames(JsonNode frames) {
        List<String> out = new ArrayList<>();
        frames.forEach(f -> out.add(f.get("className").asString() + "." + f.get("method").asString()));
        return out;
    }

    private static List<JsonNode> jsonLines(String out) {
        return out.lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree).toList();
    }

    private static Map<String, JsonNode> byName(JsonNode variables) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        variables.forEach(v -> out.put(v.get("name").asString(), v));
        return out;
    }
}
