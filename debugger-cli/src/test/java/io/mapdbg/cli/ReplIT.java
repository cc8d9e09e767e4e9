package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The REPL fed from a pipe (stdin not a terminal): commands line by line over one connection. */
@ExtendWith(KillTargetsAfterAll.class)
class ReplIT {
    private static final String P = LayoutFixture.class.getName() + ".";
    private static final Duration BOUND = Duration.ofSeconds(60);

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

    @Test
    void pipedCommandsRunInOrderAndDetach() {
        String script = "maps --top 3 --min-size 1\n"
                + "buckets $1 --json --max-entries 2000\n" // $1 is BIG: BucketsIT walks it whole once; bounded here
                + "buckets " + P + "CHAIN_MAP \n"
                + "help\n"
                + "detach\n"
                + "maps\n"; // after detach: never run
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        String out = ran.out();
        // maps --top 3: BIG is the largest and is $1
        assertThat(out).containsPattern("\\$1\\s+@\\d+\\s+200,000\\s+262,144");
        assertThat(out).contains(truth.at("/BIG/path").asString());
        // buckets $1 --json: one JSON line, BIG's layout (over the same connection: ids are stable)
        String jsonLine = out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode big = Cli.JSON.readTree(jsonLine);
        assertThat(big.at("/map/path").asString()).isEqualTo(truth.at("/BIG/path").asString());
        assertThat(big.get("size").asLong()).isEqualTo(truth.at("/BIG/size").asLong());
        assertThat(big.get("nonEmptyBins").asLong()).isEqualTo(truth.at("/BIG/nonEmptyBins").asLong());
        assertThat(big.get("capacity").asLong()).isEqualTo(truth.at("/BIG/capacity").asLong());
        assertThat(big.get("sampled").asBoolean()).isTrue();
        // buckets <path> with a trailing blank: text
        assertThat(out).contains(P + "CHAIN_MAP", "longest bin #" + truth.at("/CHAIN_MAP/longestBin/index").asInt()
                + ": " + truth.at("/CHAIN_MAP/longestBin/length").asInt() + " entries (chain)");
        // help lists the commands
        assertThat(out).contains("maps", "buckets", "detach");
        // detach ended the session: the maps after it never ran, and the target runs on
        assertThat(out.split("largest by size \\(", -1)).hasSize(2);
        assertThat(jvm.isAlive()).isTrue();
        assertThat(ran.err()).contains("attached to");
    }

    @Test
    void aFailedLineMakesTheExitCodeOneButLaterLinesStillRun() {
        String script = "buckets $99\n"
                + "buckets " + P + "FEE_SCHEDULE --json\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), "attach", pid);
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        List<String> errors = ran.err().lines().filter(l -> l.startsWith("mapdbg:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("$99");
        JsonNode fee = Cli.JSON.readTree(ran.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        LayoutTruth.assertMatches(fee, truth.get("FEE_SCHEDULE"));
        assertThat(jvm.isAlive()).isTrue();
    }
}
