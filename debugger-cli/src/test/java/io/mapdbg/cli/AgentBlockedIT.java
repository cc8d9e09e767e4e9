package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LockKindsFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.util.ArrayList;
import java.util.List;
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
 * threads --blocked through the agent (the in-target dump) against LockKindsFixture, which also runs JDWP: the
 * same clusters as the JDWP path (locks and their details, owners, read holders, waiters and their frames, maps and
 * bins, map entries) and the fixture's truth, idle waits left out unless --all-waits, -s/--name/--group applied to
 * the waiters; once the agent runs, a one-shot threads --blocked goes through it by default (mapdbg.threads=jdwp:
 * JDWP).
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentBlockedIT {
    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;
    private static Set<String> viaJdwp;

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
    @Order(1)
    void theAgentsDumpGivesTheClustersOfTheJdwpPath() {
        Cli.Ran jdwp = Cli.run("threads", pid, "--blocked", "--json"); // no agent yet: JDWP
        assertThat(jdwp.err()).doesNotContain("through the mapdbg agent");
        viaJdwp = summary(jdwp);
        Cli.Ran agent = Cli.run("threads", pid, "--blocked", "--json", "--agent");
        assertThat(summary(agent)).isEqualTo(viaJdwp).isNotEmpty();
        // the fixture's own account (owners, read holders, waiters, maps and bins) holds for the agent's report too
        BlockedKindsIT.matchesTruth(agent, truth);
        assertThat(viaJdwp).as("the read-locked RRWL's holders are in the compared summary")
                .anyMatch(s -> s.contains(" readers=[") && !s.contains(" readers=[]"));
        // every cluster the fixture set up, with its owner (the summary holds the map's bin and owner names)
        for (JsonNode expected : truth.get("clusters")) {
            Set<String> waiters = names(expected.get("waiters"));
            assertThat(viaJdwp).as(expected.get("name").asString())
                    .anyMatch(s -> s.startsWith(expected.get("kind").asString() + " ")
                            && s.contains(" owner=" + (expected.get("owner").isNull() ? "" : expected.get("owner").asString()) + " ")
                            && waiters.stream().allMatch(w -> s.contains(w + "@")));
        }
    }

    @Test
    @Order(2)
    void onceLoadedTheAgentIsTheDefaultAndJdwpCanBeForced() {
        // the agent runs (loaded by --agent above): by default a one-shot threads --blocked goes through it
        Cli.Ran fast = Cli.run("threads", pid, "--blocked", "--json");
        assertThat(fast.err()).contains("threads --blocked through the mapdbg agent running in pid " + pid);
        assertThat(summary(fast)).isEqualTo(viaJdwp);
        Cli.Ran blocked = Cli.run("blocked", pid, "--json");
        assertThat(blocked.err()).contains("blocked through the mapdbg agent running in pid " + pid);
        assertThat(summary(blocked)).isEqualTo(viaJdwp);
        Cli.Ran fastText = Cli.run("threads", pid, "--blocked");
        System.setProperty("mapdbg.threads", "jdwp"); // MAPDBG_THREADS=jdwp
        try {
            Cli.Ran jdwp = Cli.run("threads", pid, "--blocked", "--json");
            assertThat(jdwp.err()).doesNotContain("through the mapdbg agent");
            assertThat(summary(jdwp)).isEqualTo(viaJdwp);
            // the text too, but for object ids (each path has its own) and the pause
            Cli.Ran jdwpText = Cli.run("threads", pid, "--blocked");
            assertThat(text(fastText)).isEqualTo(text(jdwpText)).contains("  read held by: rw-reader-1 (#");
        } finally {
            System.clearProperty("mapdbg.threads");
        }
    }

    @Test
    @Order(3)
    void idleWaitsStateNameAndGroupApplyThroughTheAgent() {
        Set<String> idle = names(truth.get("idle"));
        idle.addAll(Set.of("Finalizer", "Common-Cleaner", "Reference Handler"));
        Set<String> shown = BlockedKindsIT.waiters(Cli.run("threads", pid, "--blocked", "--json", "--agent"));
        assertThat(shown).isNotEmpty().doesNotContainAnyElementsOf(idle);
        Set<String> all = BlockedKindsIT.waiters(Cli.run("threads", pid, "--blocked", "--all-waits", "--json", "--agent"));
        assertThat(all).containsAll(shown).contains("idle-timer").anyMatch(n -> n.startsWith("idle-pool-"));

        Cli.Ran blocked = Cli.run("threads", pid, "--blocked", "-s", "blocked", "--json", "--agent");
        Set<String> monitorWaiters = new TreeSet<>();
        truth.get("clusters").forEach(c -> {
            if (c.get("kind").asString().equals("monitor")) {
                monitorWaiters.addAll(names(c.get("waiters")));
            }
        });
        assertThat(BlockedKindsIT.waiters(blocked)).isEqualTo(monitorWaiters);

        Set<String> named = BlockedKindsIT.waiters(Cli.run("threads", pid, "--blocked", "--name", "^rw-", "--json", "--agent"));
        assertThat(named).isNotEmpty().allMatch(n -> n.startsWith("rw-")).contains("rw-read-writer", "rw-write-writer");

        Cli.Ran grouped = Cli.run("threads", pid, "--blocked", "--group", "--json", "--agent");
        assertThat(grouped.exit()).as(grouped.toString()).isZero();
        int count = 0;
        for (JsonNode g : grouped.json().get("groups")) {
            count += g.get("count").asInt();
        }
        assertThat(count).isEqualTo(shown.size());
        assertThat(grouped.json().get("matched").asInt()).isEqualTo(shown.size());
    }

    @Test
    @Order(4)
    void theQuickPathTakesTheSameOptionsAndLeavesTheRestToTheNormalWay() {
        System.setProperty("mapdbg.threads", "agent"); // as the default once the agent runs
        try {
            // parsed by hand (no registry, no picocli): the same waiters as the command through --agent
            for (List<String> opts : List.of(List.of("--all-waits"), List.of("-s", "blocked"), List.of("--state=waiting"),
                    List.of("--name", "^rw-"), List.of("--top", "3"))) {
                List<String> quick = new ArrayList<>(List.of("threads", pid, "--blocked", "--json"));
                quick.addAll(opts);
                List<String> viaAgent = new ArrayList<>(quick);
                viaAgent.add("--agent");
                Cli.Ran fast = Cli.run(quick.toArray(String[]::new));
                assertThat(fast.err()).as(opts.toString()).contains("through the mapdbg agent running in pid " + pid);
                assertThat(BlockedKindsIT.waiters(fast)).as(opts.toString())
                        .isEqualTo(BlockedKindsIT.waiters(Cli.run(viaAgent.toArray(String[]::new))));
            }
            // a bad value or an option it does not know: the normal way, with its usual errors
            Cli.Ran badState = Cli.run("threads", pid, "--blocked", "-s", "sleepy");
            assertThat(badState.exit()).isEqualTo(2);
            assertThat(badState.err()).contains("threads:");
            Cli.Ran badTop = Cli.run("threads", pid, "--blocked", "--top", "x");
            assertThat(badTop.exit()).isEqualTo(2);
            Cli.Ran grouped = Cli.run("threads", pid, "--blocked", "--group", "--json");
            assertThat(grouped.exit()).as(grouped.toString()).isZero();
            assertThat(grouped.json().get("groups")).isNotNull();
        } finally {
            System.clearProperty("mapdbg.threads");
        }
    }

    /** Per cluster: lock kind and class, owner and its frames, map path and bin, waiters with their frames. */
    private static Set<String> summary(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Set<String> out = new TreeSet<>();
        for (JsonNode c : ran.json().get("clusters")) {
            Set<String> waiters = new TreeSet<>();
            c.get("waiters").forEach(w -> waiters.add(w.get("name").asString() + "@" + w.get("frame").asString()
                    + "#" + w.get("id").asLong() + ":" + w.get("state").asString()));
            List<String> readers = new ArrayList<>(); // in order: firstReader, then by thread id on both paths
            c.get("readHolders").forEach(r -> readers.add(r.get("name").asString() + ":" + r.get("state").asString()
                    + r.get("frames")));
            out.add(c.at("/lock/kind").asString() + " " + c.at("/lock/class").asString() + " (" + c.at("/lock/detail")
                    + ") owner=" + c.at("/owner/name").asString() + " frames=" + c.at("/owner/frames") + " readers="
                    + readers + " map=" + c.at("/map/path") + "/" + c.at("/map/class") + "/" + c.at("/map/bin")
                    + " entry=" + c.at("/mapEntry/map/path") + "/" + c.at("/mapEntry/map/class") + "/"
                    + c.at("/mapEntry/key") + " " + waiters);
        }
        return out;
    }

    /**
     * The text report with object ids, the pause and the count of all threads masked (the agent's dump includes
     * the agent's thread serving that request, which does not run while JDWP reads).
     */
    private static String text(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        return ran.out().replaceAll("@\\d+", "@ID").replaceAll("paused \\d+ ms", "paused N ms")
                .replaceFirst("^[\\d,]+ threads, ", "N threads, ");
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
