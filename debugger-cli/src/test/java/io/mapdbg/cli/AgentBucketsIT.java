package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * buckets through the agent against LayoutFixture (started with JDWP): every map's layout against the truth the
 * fixture computed itself, and against the JDWP path's layout of the same map in the same JVM.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentBucketsIT {
    private static final String P = LayoutFixture.class.getName() + ".";
    private static final String[] SHOW_LONGEST = {"--json", "--chains", "64", "--chain-entries", "64", "--preview", "200"};

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        Fixtures.Started fixture = Fixtures.start(LayoutFixture.class);
        jvm = fixture.jvm();
        truth = fixture.truth();
        pid = fixture.pid();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    static Stream<String> allMaps() {
        List<String> names = new ArrayList<>();
        truth.properties().forEach(e -> names.add(e.getKey()));
        assertThat(names).hasSize(13);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allMaps")
    void agentLayoutMatchesTheTruth(String name) {
        Cli.Ran ran = Cli.run(BucketsIT.args("buckets", pid, P + name, withAgent(SHOW_LONGEST)));
        assertThat(ran.exit()).as(ran.toString()).isZero();
        LayoutTruth.assertOneLineOfJson(ran);
        LayoutTruth.assertMatches(ran.json(), truth.get(name), "agent");
    }

    /** Both ways run the same layout rules (io.mapdbg.layouts): BIG too, whose JDWP walk reads chains ahead. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allMaps")
    void agentLayoutEqualsTheJdwpLayout(String name) {
        // --bins 0-7 also compares the bins listed in detail, empty ones included (a map without a table has no
        // bins to list: --bins is refused there, so it is left out)
        String[] bins = truth.at("/" + name + "/capacity").asInt() > 0 ? new String[] {"--bins", "0-7"} : new String[0];
        Cli.Ran viaJdwp = Cli.run(BucketsIT.args("buckets", pid, P + name, concat(SHOW_LONGEST, bins)));
        Cli.Ran viaAgent = Cli.run(BucketsIT.args("buckets", pid, P + name, concat(withAgent(SHOW_LONGEST), bins)));
        assertThat(viaJdwp.exit()).as(viaJdwp.toString()).isZero();
        assertThat(viaAgent.exit()).as(viaAgent.toString()).isZero();
        JsonNode jdwp = viaJdwp.json();
        JsonNode agent = viaAgent.json();
        assertThat(jdwp.get("source").asString()).isEqualTo("jdwp");
        assertThat(agent.get("source").asString()).isEqualTo("agent");
        // ids are per way in (JDWP object ids, agent ids); everything else must be the same
        for (JsonNode layout : List.of(jdwp, agent)) {
            ((ObjectNode) layout.get("map")).remove("id");
            ((ObjectNode) layout).remove("source");
        }
        assertThat(agent).isEqualTo(jdwp);
    }

    @Test
    void boundedAgentWalkKeepsCapacityAndNonEmptyBinsExact() {
        Cli.Ran ran = Cli.run("buckets", pid, P + "BIG", "--json", "--max-entries", "1000", "--agent");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode got = ran.json();
        JsonNode big = truth.get("BIG");
        assertThat(got.get("sampled").asBoolean()).isTrue();
        assertThat(got.get("capacity").asLong()).isEqualTo(big.get("capacity").asLong());
        assertThat(got.get("nonEmptyBins").asLong()).isEqualTo(big.get("nonEmptyBins").asLong());
        assertThat(got.get("entries").asLong()).isBetween(1000L, 1000L + big.at("/longestBin/length").asLong());
        assertThat(got.at("/integrity/ok").asBoolean()).as(got.get("integrity").toString()).isTrue();
    }

    @Test
    void textSaysWhichWayServedIt() {
        Cli.Ran agent = Cli.run("buckets", pid, P + "CHAIN_MAP", "--agent");
        assertThat(agent.exit()).as(agent.toString()).isZero();
        assertThat(agent.out().lines().findFirst().orElse("")).contains(P + "CHAIN_MAP").endsWith("[via agent]");
        Cli.Ran jdwp = Cli.run("buckets", pid, P + "CHAIN_MAP");
        assertThat(jdwp.out().lines().findFirst().orElse("")).endsWith("[via jdwp]");
    }

    @Test
    void inAJdwpReplBucketsAgentLoadsTheAgentBesideJdwp() {
        Cli.Ran repl = Cli.run(Cli.ONE_SHOT, Cli.stdin("buckets " + P + "CHAIN_MAP --agent --json\n"
                + "buckets " + P + "CHAIN_MAP --json\nthreads --agent --name main --json\ndetach\n"), "attach", pid);
        assertThat(repl.exit()).as(repl.toString()).isZero();
        List<String> sources = new ArrayList<>();
        repl.out().lines().filter(l -> l.startsWith("{\"type\":\"buckets\"")).forEach(l -> sources.add(Cli.JSON.readTree(l).get("source").asString()));
        assertThat(sources).containsExactly("agent", "jdwp");
        assertThat(repl.out()).contains("\"jdiId\":-1"); // the agent's thread dump: no JDWP ids
    }

    @Test
    void anIdFromTheAgentsMapsListGivesTheSameLayoutAsThePath() {
        Cli.Ran maps = Cli.run("maps", pid, "--agent", "--json", "--class", "FeeSchedule");
        assertThat(maps.exit()).as(maps.toString()).isZero();
        JsonNode listed = maps.json().get("top");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("path").asString()).isEqualTo(P + "FEE_SCHEDULE");
        assertThat(listed.get(0).get("size").asLong()).isEqualTo(truth.at("/FEE_SCHEDULE/size").asLong());
        assertThat(maps.json().get("source").asString()).isEqualTo("agent");
        long id = listed.get(0).get("id").asLong();
        Cli.Ran byId = Cli.run(BucketsIT.args("buckets", pid, "@" + id, withAgent(SHOW_LONGEST)));
        assertThat(byId.exit()).as(byId.toString()).isZero();
        LayoutTruth.assertMatches(byId.json(), truth.get("FEE_SCHEDULE"), "agent");
    }

    @Test
    void unknownPathsAndIdsAreOneLineErrors() {
        Cli.Ran noField = Cli.run("buckets", pid, P + "NO_SUCH_FIELD", "--agent");
        assertThat(noField.exit()).isEqualTo(1);
        assertThat(noField.err().strip()).endsWith("has no static field NO_SUCH_FIELD");
        Cli.Ran noId = Cli.run("buckets", pid, "@1000987654", "--agent");
        assertThat(noId.exit()).isEqualTo(1);
        assertThat(noId.err()).contains("@1000987654 is not known to the agent");
        // below the agent's ids: a JDWP id, never looked up in the agent's table
        Cli.Ran jdwpId = Cli.run("buckets", pid, "@987654", "--agent");
        assertThat(jdwpId.exit()).isEqualTo(2);
        assertThat(jdwpId.err().strip()).contains("@987654 was not printed by the mapdbg agent").doesNotContain("\n");
        assertThat(jvm.isAlive()).isTrue();
    }

    static String[] withAgent(String[] args) {
        return concat(args, "--agent");
    }

    static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
