package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.ThreadsFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One thread id everywhere (issue 16, point 3): the id jstack prints as #N, in threads, threads --blocked, stack,
 * trace hits over JDWP and through the agent, and --thread takes it; a thread stopped at a breakpoint shows as
 * AT_BREAKPOINT in threads and stack. Against ThreadsFixture; ids from jstack, never from a run of mapdbg.
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreadIdsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String FIXTURE = ThreadsFixture.class.getName();
    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;
    private static Map<String, Long> jstack;

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
        jstack = jstackIds(jvm.pid());
        // the fixture's own Thread.getId() is what jstack prints
        truth.get("threads").properties().forEach(e ->
                assertThat(jstack.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().get("id").asLong()));
        assertThat(jstack).containsKey("fixture-heartbeat");
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    /** name -> #N of every thread with a unique name, from the target JDK's jstack. */
    static Map<String, Long> jstackIds(long pid) {
        String bin = TargetJvm.javaHome().resolve("bin").resolve("jstack").toString();
        try {
            Process p = new ProcessBuilder(bin, Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("jstack failed:\n" + out);
            }
            Map<String, Long> ids = new HashMap<>();
            Matcher m = Pattern.compile("(?m)^\"(.*?)\" #(\\d+)").matcher(out);
            while (m.find()) {
                if (ids.put(m.group(1), Long.parseLong(m.group(2))) != null) {
                    ids.put(m.group(1), -1L); // a name used twice names no one
                }
            }
            return ids;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long id(String name) {
        return jstack.get(name);
    }

    @Test
    @Order(1)
    void threadsBlockedAndStackShowJstacksIds() {
        Cli.Ran threads = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--json", "--top", "0");
        assertThat(threads.exit()).as(threads.toString()).isZero();
        int checked = 0;
        for (JsonNode t : threads.json().get("threads")) {
            Long expected = jstack.get(t.get("name").asString());
            if (expected != null && expected >= 0) {
                assertThat(t.get("id").asLong()).as(t.get("name").asString()).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(ThreadsFixture.WORKERS);

        Cli.Ran blocked = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--json");
        assertThat(blocked.exit()).as(blocked.toString()).isZero();
        int waiters = 0;
        for (JsonNode c : blocked.json().get("clusters")) {
            if (!c.at("/owner/name").isMissingNode() && !c.get("owner").isNull()) {
                assertThat(c.at("/owner/id").asLong()).isEqualTo(id(c.at("/owner/name").asString()));
            }
            for (JsonNode w : c.get("waiters")) {
                assertThat(w.get("id").asLong()).as(w.get("name").asString()).isEqualTo(id(w.get("name").asString()));
                waiters++;
            }
        }
        assertThat(waiters).isGreaterThanOrEqualTo(truth.get("blocked").size());

        // --thread takes jstack's id
        long settler = id(truth.at("/settle/thread").asString());
        Cli.Ran stack = Cli.run(BOUND, Cli.stdin(""), "stack", pid, "--thread", Long.toString(settler), "--json");
        assertThat(stack.exit()).as(stack.toString()).isZero();
        assertThat(stack.json().at("/thread/id").asLong()).isEqualTo(settler);
        assertThat(stack.json().at("/thread/name").asString()).isEqualTo(truth.at("/settle/thread").asString());
        Cli.Ran text = Cli.run(BOUND, Cli.stdin(""), "stack", pid, "--thread", Long.toString(settler));
        assertThat(text.out()).contains("\"" + truth.at("/settle/thread").asString() + "\" #" + settler + " ");
    }

    @Test
    @Order(2)
    void traceHitsAndTheThreadFilterUseJstacksIdOverJdwp() {
        long beat = id("fixture-heartbeat");
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, FIXTURE + ".beat", "--thread", Long.toString(beat),
                "--count", "2", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = ran.out().lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree)
                .filter(n -> "hit".equals(n.path("type").asString())).toList();
        assertThat(hits).as(ran.toString()).hasSize(2).allSatisfy(h -> {
            assertThat(h.at("/thread/name").asString()).isEqualTo("fixture-heartbeat");
            assertThat(h.at("/thread/id").asLong()).isEqualTo(beat);
        });
        Cli.Ran text = Cli.run(BOUND, Cli.stdin(""), "trace", pid, FIXTURE + ".beat", "--count", "1");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("fixture-heartbeat (#" + beat + ") ");
    }

    @Test
    @Order(3)
    void aThreadAtABreakpointShowsAsStoppedThere() {
        String script = String.join("\n",
                "break hb " + FIXTURE + ".beat",
                "continue",
                "threads --name ^fixture-heartbeat$ --json",
                "threads --name ^fixture-heartbeat$",
                "stack --json",
                "clearall",
                "detach", "");
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        long beat = id("fixture-heartbeat");
        List<JsonNode> json = ran.out().lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree).toList();
        JsonNode list = json.stream().filter(n -> n.has("threads")).findFirst().orElseThrow(() -> new AssertionError(ran));
        assertThat(list.get("threads")).singleElement().satisfies(t -> {
            assertThat(t.get("id").asLong()).isEqualTo(beat);
            assertThat(t.get("state").asString()).isEqualTo("AT_BREAKPOINT");
            assertThat(t.at("/frames/0/method").asString()).isEqualTo("beat");
        });
        JsonNode stack = json.stream().filter(n -> n.has("thread") && n.has("frames")).findFirst()
                .orElseThrow(() -> new AssertionError(ran));
        assertThat(stack.at("/thread/id").asLong()).isEqualTo(beat);
        assertThat(stack.at("/thread/state").asString()).isEqualTo("AT_BREAKPOINT");
        assertThat(stack.at("/frames/0/method").asString()).isEqualTo("beat");
        assertThat(ran.out()).containsPattern("(?m)^\\s*" + beat + "\\s+AT_BREAKPOINT\\b");
        // resumed: the heartbeat goes on
        String mark = jvm.awaitLine(l -> l.startsWith("beat "), BOUND);
        long seen = Long.parseLong(mark.substring(5));
        jvm.awaitLine(l -> l.startsWith("beat ") && Long.parseLong(l.substring(5)) > seen + 2, BOUND);
    }

    /** Last: loads the agent. */
    @Test
    @Order(4)
    void agentTraceHitsCarryJstacksId() {
        long beat = id("fixture-heartbeat");
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", pid, "mapassign", "--map", FIXTURE + ".BEATS", "--count", "2",
                "--json", "--agent");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = ran.out().lines().filter(l -> l.startsWith("{")).map(Cli.JSON::readTree)
                .filter(n -> "hit".equals(n.path("type").asString())).toList();
        assertThat(hits).as(ran.toString()).hasSize(2).allSatisfy(h -> {
            assertThat(h.at("/thread/name").asString()).isEqualTo("fixture-heartbeat");
            assertThat(h.at("/thread/id").asLong()).isEqualTo(beat);
        });
        Cli.Ran threads = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--name", "^fixture-heartbeat$", "--json", "--agent");
        assertThat(threads.exit()).as(threads.toString()).isZero();
        assertThat(threads.json().at("/threads/0/id").asLong()).isEqualTo(beat);
    }
}
