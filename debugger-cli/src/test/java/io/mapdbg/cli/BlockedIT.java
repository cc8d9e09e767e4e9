package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.BlockedFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** threads --blocked and blocked through Main against BlockedFixture and the clusters it knows it set up. */
@ExtendWith(KillTargetsAfterAll.class)
class BlockedIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(BlockedFixture.class);
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
    void everyClusterHasTheOwnerWaitersAndMapTheFixtureSetUp() {
        Cli.Ran ran = Cli.run("threads", pid, "--blocked", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode clusters = ran.json().get("clusters");
        for (JsonNode expected : truth.get("clusters")) {
            Set<String> waiters = names(expected.get("waiters"));
            JsonNode got = null;
            for (JsonNode c : clusters) {
                Set<String> names = new HashSet<>();
                c.get("waiters").forEach(w -> names.add(w.get("name").asString()));
                if (names.equals(waiters)) {
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
            assertThat(got.at("/map/id").asLong()).as(what).isPositive();
            if (map.has("head")) {
                assertThat(got.at("/lock/class").asString()).as(what).isEqualTo(map.get("head").asString());
            } else {
                assertThat(got.at("/map/id").asLong()).as(what + ": the map is its own lock").isEqualTo(got.at("/lock/id").asLong());
            }
        }
        assertThat(ran.json().get("threads").asInt()).isGreaterThan(truth.get("threadIds").size());
        assertRunsOn();
    }

    @Test
    void bothDeadlocksAreFoundAsCyclesWithTheirWaitingFrames() {
        Cli.Ran ran = Cli.run("threads", pid, "--blocked", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Set<Set<String>> got = new HashSet<>();
        for (JsonNode d : ran.json().get("deadlocks")) {
            Set<String> names = new TreeSet<>();
            for (JsonNode step : d.get("cycle")) {
                names.add(step.at("/thread/name").asString());
                assertThat(step.get("frame").asString()).contains(BlockedFixture.class.getName() + ".cross");
                assertThat(step.at("/waitsFor/kind").asString()).isIn("monitor", "synchronizer");
            }
            got.add(names);
        }
        Set<Set<String>> expected = new HashSet<>();
        truth.get("deadlocks").forEach(d -> expected.add(names(d)));
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void blockedTextNamesTheMapBinOwnerAndDeadlocks() {
        Cli.Ran ran = Cli.run("blocked", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode reserved = truth.at("/clusters/0/map");
        assertThat(ran.out())
                .contains("DEADLOCK (2 threads)")
                .contains(reserved.get("path").asString() + ", bin " + reserved.get("bin").asInt())
                .contains("owner: chm-reserve-holder")
                .contains("ReentrantLock held 1x")
                .contains("chm-node-writer-1");
        assertRunsOn();
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static void assertRunsOn() {
        String mark = jvm.awaitLine(l -> l.startsWith("beat "), BOUND);
        long seen = Long.parseLong(mark.substring(5));
        jvm.awaitLine(l -> l.startsWith("beat ") && Long.parseLong(l.substring(5)) > seen + 2, BOUND);
    }

}
