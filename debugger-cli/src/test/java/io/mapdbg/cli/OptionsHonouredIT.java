package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.BlockedFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * An option is honoured or refused with one line, never silently ignored (issue 16, point 5): --top on the blocked
 * reports (JDWP, the quick path, the agent), --bins past the table, --depth without --group, races options that
 * the chosen watch does not use. Against BlockedFixture, whose largest cluster (5 waiters) it knows.
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptionsHonouredIT {
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

    private static Set<String> names(JsonNode waiters) {
        Set<String> names = new HashSet<>();
        waiters.forEach(w -> names.add(w.get("name").asString()));
        return names;
    }

    /** --top 1 keeps the one cluster with the most waiters of the full report, says it cut, and keeps deadlocks. */
    private static void assertTopOne(Cli.Ran ran, JsonNode full) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode r = ran.json();
        int all = full.get("clusters").size();
        assertThat(r.get("clusters").size()).as(ran.toString()).isEqualTo(1);
        assertThat(r.get("truncated").asBoolean()).isTrue();
        assertThat(r.get("totalClusters").asInt()).isEqualTo(all);
        int most = 0;
        Set<Set<String>> largest = new HashSet<>();
        for (JsonNode c : full.get("clusters")) {
            int n = c.get("waiters").size();
            if (n > most) {
                largest.clear();
                most = n;
            }
            if (n == most) {
                largest.add(names(c.get("waiters")));
            }
        }
        assertThat(largest).contains(names(r.at("/clusters/0/waiters")));
        assertThat(r.get("deadlocks").size()).as("deadlocks are kept whole").isEqualTo(truth.get("deadlocks").size());
    }

    @Test
    @Order(1)
    void blockedTopKeepsTheLargestClustersOverJdwp() {
        Cli.Ran full = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--json");
        assertThat(full.exit()).as(full.toString()).isZero();
        int all = full.json().get("clusters").size();
        assertThat(all).isGreaterThan(truth.get("clusters").size() / 2).isGreaterThan(2);
        assertThat(full.json().get("truncated").asBoolean()).isFalse();
        assertThat(full.json().get("totalClusters").asInt()).isEqualTo(all);

        assertTopOne(Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--top", "1", "--json"), full.json());
        assertTopOne(Cli.run(BOUND, Cli.stdin(""), "blocked", pid, "--top", "1", "--json"), full.json());
        Cli.Ran text = Cli.run(BOUND, Cli.stdin(""), "blocked", pid, "--top", "2");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("the 2 largest of " + all + " locks")
                .contains((all - 2) + " more locks with waiters not shown (--top 2; --top 0 for all)");
        // picocli's path (the quick path is off): the same answer
        String quick = System.getProperty("mapdbg.quick");
        System.setProperty("mapdbg.quick", "false");
        try {
            assertTopOne(Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--top=1", "--json"), full.json());
        } finally {
            if (quick == null) {
                System.clearProperty("mapdbg.quick");
            } else {
                System.setProperty("mapdbg.quick", quick);
            }
        }
    }

    @Test
    @Order(2)
    void optionsThatDoNotApplyAreRefusedWithOneLine() {
        Cli.Ran depth = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--depth", "3");
        assertThat(depth.exit()).as(depth.toString()).isEqualTo(2);
        assertThat(depth.err().strip()).contains("--depth goes with --group").doesNotContain("\n");
        assertThat(depth.out()).isEmpty();

        String path = BlockedFixture.class.getName() + ".CHM_NODES";
        Cli.Ran layout = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path, "--json");
        assertThat(layout.exit()).as(layout.toString()).isZero();
        int n = layout.json().get("capacity").asInt();
        for (String range : new String[] {"999-1000", n + "-" + (n + 1), Integer.toString(n)}) {
            Cli.Ran bins = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path, "--bins", range);
            assertThat(bins.exit()).as(bins.toString()).isEqualTo(2);
            assertThat(bins.err().strip()).isEqualTo("mapdbg: buckets: --bins " + range + ": the table has " + n
                    + " bins (0-" + (n - 1) + ")");
        }
        Cli.Ran inside = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path, "--bins", (n - 2) + "-" + (n + 5), "--json");
        assertThat(inside.exit()).as(inside.toString()).isZero();
        assertThat(inside.json().get("bins")).hasSize(2); // the range runs past the end: the bins up to it
        assertThat(inside.json().at("/bins/1/index").asInt()).isEqualTo(n - 1);

        Cli.Ran top = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--map", path, "--top", "3", "--duration", "1s");
        assertThat(top.exit()).as(top.toString()).isEqualTo(2);
        assertThat(top.err().strip()).contains("--top goes with --all").doesNotContain("\n");
        Cli.Ran duty = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--all", "--duty", "50", "--duration", "1s");
        assertThat(duty.exit()).as(duty.toString()).isEqualTo(2);
        assertThat(duty.err().strip()).contains("--duty is for --all through the agent").doesNotContain("\n");
    }

    /** Last: loading the agent makes later one-shot threads --blocked take the agent's fast path. */
    @Test
    @Order(3)
    void blockedTopThroughTheAgent() {
        Cli.Ran full = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--json", "--agent");
        assertThat(full.exit()).as(full.toString()).isZero();
        assertTopOne(Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--top", "1", "--json", "--agent"), full.json());
        assertTopOne(Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--top", "1", "--json"), full.json()); // fast path
        assertTopOne(Cli.run(BOUND, Cli.stdin(""), "blocked", pid, "--top", "1", "--json", "--agent"), full.json());

        String path = BlockedFixture.class.getName() + ".CHM_NODES";
        Cli.Ran bins = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path, "--bins", "999-1000", "--agent");
        assertThat(bins.exit()).as(bins.toString()).isEqualTo(2);
        assertThat(bins.err()).containsPattern("(?m)^mapdbg: buckets: --bins 999-1000: the table has \\d+ bins \\(0-\\d+\\)$");
        Cli.Ran hold = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--all", "--hold", "5", "--duration", "1s", "--agent");
        assertThat(hold.exit()).as(hold.toString()).isEqualTo(2);
        assertThat(hold.err()).containsPattern("(?m)^mapdbg: races: --hold is for the JDWP watch.*$");
    }
}
