package io.mapdbg.cli;

import io.mapdbg.examples.fixtures.LatchLeakFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * threads --blocked: a thread waiting on a latch, semaphore or monitor kept as a map value names that map and key,
 * over JDWP and through the agent (the same mapEntry for every waiter, and the fixture's truth).
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlockedValuesIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static TargetJvm jvm;
    private static JsonNode truth;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(LatchLeakFixture.class);
        try {
            String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), BOUND);
            jvm.awaitLine("READY"::equals, BOUND);
            truth = Cli.JSON.readTree(line.substring("TRUTH ".length()));
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    private static Map<String, String> viaJdwp;

    @Test
    @Order(1)
    void everyLatchStyleWaitOnAMapValueNamesItsMapAndKey() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "threads", Long.toString(jvm.pid()), "--blocked", "--json");
        assertThat(ran.err()).doesNotContain("through the mapdbg agent");
        viaJdwp = entries(ran);
        matchesTruth(ran);
    }

    @Test
    @Order(2)
    void theAgentNamesTheSameMapEntries() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "threads", Long.toString(jvm.pid()), "--blocked", "--json", "--agent");
        assertThat(entries(ran)).isEqualTo(viaJdwp).isNotEmpty();
        matchesTruth(ran);
        Cli.Ran agentText = Cli.run(BOUND, Cli.stdin(""), "threads", Long.toString(jvm.pid()), "--blocked");
        assertThat(agentText.err()).contains("through the mapdbg agent"); // the default once it runs
        // and JDWP, forced once the agent runs, still says the same, in JSON and in text (ids masked: each path has its own)
        System.setProperty("mapdbg.threads", "jdwp");
        try {
            Cli.Ran jdwp = Cli.run(BOUND, Cli.stdin(""), "threads", Long.toString(jvm.pid()), "--blocked", "--json");
            assertThat(jdwp.err()).doesNotContain("through the mapdbg agent");
            assertThat(entries(jdwp)).isEqualTo(viaJdwp);
            Cli.Ran jdwpText = Cli.run(BOUND, Cli.stdin(""), "threads", Long.toString(jvm.pid()), "--blocked");
            assertThat(valueLines(agentText)).isEqualTo(valueLines(jdwpText)).hasSizeGreaterThanOrEqualTo(6);
        } finally {
            System.clearProperty("mapdbg.threads");
        }
    }

    /** The text report's "a value of the map" lines, object ids masked. */
    private static java.util.List<String> valueLines(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        return ran.out().lines().filter(l -> l.contains("a value of the map:")).map(l -> l.replaceAll("@\\d+", "@ID"))
                .sorted().toList();
    }

    /** Per waiter: its cluster's lock class and detail and mapEntry (map path, class, key; null when none). */
    private static Map<String, String> entries(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode cluster : ran.json().get("clusters")) {
            JsonNode e = cluster.get("mapEntry");
            String entry = e == null || e.isNull() ? "null" : e.at("/map/path").asString() + "/" + e.at("/map/class").asString()
                    + "[" + e.get("key").asString() + "]";
            for (JsonNode waiter : cluster.get("waiters")) {
                out.put(waiter.get("name").asString(), cluster.at("/lock/class").asString() + " ("
                        + cluster.at("/lock/detail") + ") " + entry);
            }
        }
        return out;
    }

    private static void matchesTruth(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Map<String, JsonNode> entryByWaiter = new HashMap<>();
        for (JsonNode cluster : ran.json().get("clusters")) {
            for (JsonNode waiter : cluster.get("waiters")) {
                entryByWaiter.put(waiter.get("name").asString(), cluster.get("mapEntry"));
            }
        }
        int checked = 0;
        for (String name : truth.get("waits").propertyNames()) {
            JsonNode want = truth.get("waits").get(name);
            String kind = want.get("kind").asString();
            if (!kind.equals("CountDownLatch") && !kind.equals("Semaphore") && !kind.equals("monitor")) {
                continue; // futures and phasers: ValueWaitsIT covers them at the session level
            }
            JsonNode got = entryByWaiter.get(name);
            assertThat(got).as(name + " in " + ran.out()).isNotNull();
            assertThat(got.isNull()).as(name + " has a mapEntry").isFalse();
            assertThat(got.at("/map/path").asString()).as(name).isEqualTo(want.get("path").asString());
            assertThat(got.get("key").asString()).as(name).isEqualTo(want.get("key").asString());
            checked++;
        }
        // the monitor is waited on with Object.wait: on JDK 23+ found from the frame's this, not JDWP's contended monitor
        assertThat(checked).as("latch, semaphore and monitor waits in the truth").isGreaterThanOrEqualTo(6);
        for (JsonNode idle : truth.get("notInMap")) {
            JsonNode got = entryByWaiter.get(idle.asString());
            assertThat(got == null || got.isNull()).as(idle + " waits on a latch no map holds").isTrue();
        }
        assertThat(jvm.isAlive()).isTrue();
    }
}
