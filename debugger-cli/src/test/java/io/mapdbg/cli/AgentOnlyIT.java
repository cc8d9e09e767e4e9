package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.BlockedFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A JVM started without JDWP (BlockedFixture): mapdbg says what to run, --agent loads the agent, and then
 * threads --blocked, threads and maps are served by it; commands that need JDWP say so in one line.
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentOnlyIT {
    private static final String P = BlockedFixture.class.getName() + ".";
    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.startWithoutJdwp(BlockedFixture.class);
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
        Fixtures.stop(jvm);
    }

    @Test
    @Order(1)
    void beforeTheAgentIsLoadedMapdbgSaysWhatToRun() {
        Cli.Ran buckets = Cli.run("buckets", pid, P + "CHM_NODES");
        assertThat(buckets.exit()).as(buckets.toString()).isEqualTo(1);
        assertThat(buckets.err()).contains("started without JDWP").contains("mapdbg buckets " + pid + " --agent");
        // piped, attach does not ask: it says what to run
        Cli.Ran attach = Cli.run(Cli.ONE_SHOT, Cli.stdin("y\n"), "attach", pid);
        assertThat(attach.exit()).as(attach.toString()).isEqualTo(1);
        assertThat(attach.err()).contains("mapdbg attach " + pid + " --agent").doesNotContain("[y/N]");
        assertThat(jvm.output()).noneMatch(l -> l.contains("mapdbg agent"));
    }

    @Test
    @Order(2)
    void agentThreadsBlockedFindsTheMapsAndBinsTheFixtureSetUp() {
        Cli.Ran ran = Cli.run("threads", pid, "--blocked", "--json", "--agent");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode clusters = ran.json().get("clusters");
        for (JsonNode expected : truth.get("clusters")) {
            Set<String> waiters = names(expected.get("waiters"));
            JsonNode got = null;
            for (JsonNode c : clusters) {
                Set<String> seen = new HashSet<>();
                c.get("waiters").forEach(w -> seen.add(w.get("name").asString()));
                if (seen.equals(waiters)) {
                    got = c;
                }
            }
            String what = expected.get("name").asString();
            assertThat(got).as(what + " in " + clusters).isNotNull();
            assertThat(got.at("/lock/kind").asString()).as(what).isEqualTo(expected.get("kind").asString());
            assertThat(got.at("/owner/name").asString()).as(what).isEqualTo(expected.get("owner").asString());
            assertThat(got.at("/owner/frames").size()).as(what).isPositive();
            got.get("waiters").forEach(w -> {
                assertThat(w.get("frame").asString()).as(what).isNotBlank();
                assertThat(w.get("id").asLong()).isEqualTo(truth.at("/threadIds/" + w.get("name").asString()).asLong());
            });
            JsonNode map = expected.get("map");
            if (map.isNull()) {
                assertThat(got.get("map").isNull()).as(what).isTrue();
                continue;
            }
            assertThat(got.at("/map/path").asString()).as(what).isEqualTo(map.get("path").asString());
            assertThat(got.at("/map/class").asString()).as(what).isEqualTo(map.get("class").asString());
            assertThat(got.at("/map/bin").asInt()).as(what).isEqualTo(map.get("bin").asInt());
            if (map.has("head")) {
                assertThat(got.at("/lock/class").asString()).as(what).isEqualTo(map.get("head").asString());
            }
        }
        Set<Set<String>> deadlocks = new HashSet<>();
        for (JsonNode d : ran.json().get("deadlocks")) {
            Set<String> cycle = new TreeSet<>();
            d.get("cycle").forEach(step -> cycle.add(step.at("/thread/name").asString()));
            deadlocks.add(cycle);
        }
        Set<Set<String>> expected = new HashSet<>();
        truth.get("deadlocks").forEach(d -> expected.add(names(d)));
        assertThat(deadlocks).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void onceLoadedTheAgentServesWithoutTheFlag() {
        Cli.Ran threads = Cli.run("threads", pid, "--json", "--name", "chm-node-writer");
        assertThat(threads.exit()).as(threads.toString()).isZero();
        assertThat(threads.err()).contains("using the mapdbg agent running in it");
        assertThat(threads.json().get("matched").asInt()).isEqualTo(3);
        threads.json().get("threads").forEach(t -> assertThat(t.get("state").asString()).isEqualTo("BLOCKED"));

        Cli.Ran maps = Cli.run("maps", pid, "--class", "java.util.concurrent.ConcurrentHashMap", "--top", "50");
        assertThat(maps.exit()).as(maps.toString()).isZero();
        assertThat(maps.out()).contains("[via agent]", "not a full heap census", P + "CHM_NODES", P + "CHM_RESERVED");

        Cli.Ran blocked = Cli.run("blocked", pid);
        assertThat(blocked.exit()).as(blocked.toString()).isZero();
        assertThat(blocked.out()).contains("DEADLOCK (2 threads)", "owner: chm-reserve-holder");

        // threads --blocked with the report's options only (no registry, no picocli): the running agent serves it
        // (the default once it runs, before any JDWP attach is tried)
        Cli.Ran quick = Cli.run("threads", pid, "--blocked");
        assertThat(quick.exit()).as(quick.toString()).isZero();
        assertThat(quick.err()).contains("threads --blocked through the mapdbg agent running in pid " + pid);
        assertThat(quick.out()).contains("DEADLOCK (2 threads)", "owner: chm-reserve-holder");
    }

    @Test
    @Order(4)
    void commandsThatNeedJdwpSaySoInOneLine() {
        Cli.Ran stack = Cli.run("stack", pid, "--agent");
        assertThat(stack.exit()).isEqualTo(2);
        assertThat(stack.err().strip()).doesNotContain("\n").contains("stack needs JDWP");

        Cli.Ran repl = Cli.run(Cli.ONE_SHOT, Cli.stdin("buckets " + P + "HASHTABLE --json\nlocals\nbreak mapassign\ndetach\n"),
                "attach", pid, "--agent");
        assertThat(repl.exit()).as("a batch with failed commands exits 1: " + repl).isEqualTo(1);
        assertThat(repl.out()).contains("\"source\":\"agent\"").contains("pid " + pid + " (the mapdbg agent stays loaded");
        assertThat(repl.err()).contains("locals needs JDWP: pid " + pid + " runs only the mapdbg agent")
                .contains("break needs JDWP");
        assertThat(jvm.isAlive()).isTrue();
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
