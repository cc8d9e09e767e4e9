package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LockKindsFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * threads --blocked against LockKindsFixture: a plain monitor, a ReentrantReadWriteLock held for writing and one
 * held for reading (its read holders), a ConcurrentHashMap TreeBin (map and bin the fixture computed), idle pool,
 * timer and ForkJoinPool workers left out unless --all-waits, and -s, --name, --group applied to the waiters.
 */
@ExtendWith(KillTargetsAfterAll.class)
class BlockedKindsIT {
    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(LockKindsFixture.class);
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
    void everyLockKindHasTheOwnerReadHoldersWaitersAndMapTheFixtureSetUp() {
        matchesTruth(Cli.run("threads", pid, "--blocked", "--json"), truth);
    }

    /**
     * Every cluster LockKindsFixture set up (its TRUTH): owner, read holders, waiters and their ids, map and bin.
     * AgentBlockedIT checks the agent's report with it too.
     */
    static void matchesTruth(Cli.Ran ran, JsonNode truth) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode clusters = ran.json().get("clusters");
        for (JsonNode expected : truth.get("clusters")) {
            String what = expected.get("name").asString();
            JsonNode got = clusterWithWaiters(clusters, names(expected.get("waiters")), expected.get("kind").asString());
            assertThat(got).as(what + " in " + clusters).isNotNull();
            if (expected.get("owner").isNull()) {
                assertThat(got.get("owner").isNull()).as(what + " has no exclusive owner").isTrue();
            } else {
                assertThat(got.at("/owner/name").asString()).as(what).isEqualTo(expected.get("owner").asString());
                assertThat(got.at("/owner/frames").size()).as(what).isPositive();
            }
            Set<String> readers = new TreeSet<>();
            got.get("readHolders").forEach(r -> readers.add(r.get("name").asString()));
            assertThat(readers).as(what + " read holders").isEqualTo(names(expected.get("readHolders")));
            got.get("waiters").forEach(w -> {
                assertThat(w.get("frame").asString()).as(what).isNotBlank();
                assertThat(w.get("id").asLong()).as(what).isEqualTo(truth.at("/threadIds/" + w.get("name").asString()).asLong());
            });
            JsonNode map = expected.get("map");
            if (map.isNull()) {
                assertThat(got.get("map").isNull()).as(what).isTrue();
                continue;
            }
            assertThat(got.at("/map/path").asString()).as(what).isEqualTo(map.get("path").asString());
            assertThat(got.at("/map/class").asString()).as(what).isEqualTo(map.get("class").asString());
            assertThat(got.at("/map/bin").asInt()).as(what).isEqualTo(map.get("bin").asInt());
            assertThat(got.at("/lock/class").asString()).as(what).isEqualTo(map.get("head").asString());
            if (expected.get("kind").asString().equals("treebin")) {
                assertThat(got.at("/lock/detail").asString()).as(what)
                        .startsWith("lockState " + map.get("lockState").asInt() + ": waiter, 1 reader");
            }
        }
    }

    @Test
    void idleWaitsAreLeftOutUnlessAllWaits() {
        Set<String> idle = names(truth.get("idle"));
        idle.addAll(Set.of("Finalizer", "Common-Cleaner", "Reference Handler"));
        Set<String> shown = waiters(Cli.run("threads", pid, "--blocked", "--json"));
        assertThat(shown).as("waiters by default").doesNotContainAnyElementsOf(idle);
        Set<String> all = waiters(Cli.run("blocked", pid, "--all-waits", "--json"));
        assertThat(all).as("waiters with --all-waits").containsAll(shown)
                .contains("idle-timer").anyMatch(n -> n.startsWith("idle-pool-"));
    }

    @Test
    void stateNameAndGroupApplyToTheWaiters() {
        Cli.Ran blocked = Cli.run("threads", pid, "--blocked", "-s", "blocked", "--json");
        assertThat(blocked.exit()).as(blocked.toString()).isZero();
        Set<String> expected = new TreeSet<>();
        for (JsonNode c : truth.get("clusters")) {
            if (c.get("kind").asString().equals("monitor")) {
                expected.addAll(names(c.get("waiters")));
            }
        }
        assertThat(waiters(blocked)).isEqualTo(expected);
        blocked.json().get("clusters").forEach(c -> c.get("waiters")
                .forEach(w -> assertThat(w.get("state").asString()).isEqualTo("BLOCKED")));

        Set<String> named = waiters(Cli.run("threads", pid, "--blocked", "--name", "^rw-", "--json"));
        assertThat(named).isNotEmpty().allMatch(n -> n.startsWith("rw-"))
                .contains("rw-read-writer", "rw-write-writer");

        Set<String> all = waiters(Cli.run("threads", pid, "--blocked", "--json"));
        Cli.Ran grouped = Cli.run("threads", pid, "--blocked", "--group", "--json");
        assertThat(grouped.exit()).as(grouped.toString()).isZero();
        int count = 0;
        for (JsonNode g : grouped.json().get("groups")) {
            count += g.get("count").asInt();
        }
        assertThat(count).isEqualTo(all.size());
        assertThat(grouped.json().get("matched").asInt()).isEqualTo(all.size());
    }

    @Test
    void plainJdiReadsGiveTheSameClustersAsPipelinedOnes() {
        Cli.Ran pipelined = Cli.run("threads", pid, "--blocked", "--json");
        Cli.Ran plain;
        System.setProperty("mapdbg.pipeline", "false");
        try {
            plain = Cli.run("threads", pid, "--blocked", "--json");
        } finally {
            System.clearProperty("mapdbg.pipeline");
        }
        assertThat(summary(plain)).isEqualTo(summary(pipelined)).isNotEmpty();
    }

    @Test
    void theQuickWayGivesWhatTheCommandGives() {
        // a one-shot threads --blocked with only the report's options skips the registry and picocli over JDWP too
        for (List<String> opts : List.of(List.<String>of(), List.of("--all-waits"), List.of("-s", "blocked"),
                List.of("--name", "^rw-"))) {
            List<String> words = new ArrayList<>(List.of("threads", pid, "--blocked", "--json"));
            words.addAll(opts);
            assertThat(QuickBlocked.parse("threads", words.subList(1, words.size()))).as(opts.toString()).isNotNull();
            Cli.Ran quick = Cli.run(words.toArray(String[]::new));
            Cli.Ran normal;
            System.setProperty("mapdbg.quick", "false");
            try {
                normal = Cli.run(words.toArray(String[]::new));
            } finally {
                System.clearProperty("mapdbg.quick");
            }
            assertThat(summary(quick)).as(opts.toString()).isEqualTo(summary(normal)).isNotEmpty();
        }
    }

    /** Per cluster: lock kind and class, owner, read holders, waiters with their frames, map bin. */
    private static Set<String> summary(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Set<String> out = new TreeSet<>();
        for (JsonNode c : ran.json().get("clusters")) {
            Set<String> waiters = new TreeSet<>();
            c.get("waiters").forEach(w -> waiters.add(w.get("name").asString() + "@" + w.get("frame").asString()));
            Set<String> readers = new TreeSet<>();
            c.get("readHolders").forEach(r -> readers.add(r.get("name").asString()));
            out.add(c.at("/lock/kind").asString() + " " + c.at("/lock/class").asString() + " owner="
                    + c.at("/owner/name").asString() + " frames=" + c.at("/owner/frames") + " readers=" + readers
                    + " bin=" + c.at("/map/bin").asInt() + " " + waiters);
        }
        return out;
    }

    private static JsonNode clusterWithWaiters(JsonNode clusters, Set<String> waiters, String kind) {
        for (JsonNode c : clusters) {
            Set<String> names = new HashSet<>();
            c.get("waiters").forEach(w -> names.add(w.get("name").asString()));
            if (names.equals(waiters) && c.at("/lock/kind").asString().equals(kind)) {
                return c;
            }
        }
        return null;
    }

    static Set<String> waiters(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Set<String> out = new TreeSet<>();
        ran.json().get("clusters").forEach(c -> c.get("waiters").forEach(w -> out.add(w.get("name").asString())));
        return out;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
