package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.ResizeFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** buckets against ResizeFixture: a ConcurrentHashMap stalled mid-transfer, read exactly as it stands. */
@ExtendWith(KillTargetsAfterAll.class)
class ResizeIT {
    private static TargetJvm jvm;
    private static JsonNode truth;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(ResizeFixture.class);
        try {
            truth = Fixtures.startAndReadTruth(jvm).get("RESIZING");
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void stalledResizeIsShownAsItStands() {
        Cli.Ran ran = Cli.run("buckets", Long.toString(jvm.pid()), truth.get("path").asString(),
                "--json", "--chains", "3", "--chain-entries", "64", "--preview", "200");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode got = ran.json();
        // every field of the truth, integrity ok included: mid-resize, size (in both tables) != entries here is no problem
        LayoutTruth.assertMatches(got, truth);
        assertThat(got.at("/concurrent/resize/resizing").asBoolean()).isTrue();
        assertThat(got.at("/concurrent/resize/nextTableLength").asInt()).isEqualTo(truth.get("nextTableLength").asInt())
                .isEqualTo(2 * truth.get("capacity").asInt());
        assertThat(got.at("/concurrent/resize/sizeCtl").asInt()).isEqualTo(truth.get("sizeCtl").asInt()).isNegative();
        assertThat(got.at("/concurrent/resize/transferIndex").asInt()).isEqualTo(truth.get("transferIndex").asInt())
                .isLessThanOrEqualTo(truth.get("heldBin").asInt());
        assertThat(got.at("/concurrent/forwardingNodes").asInt()).isEqualTo(truth.get("forwardingNodes").asInt())
                .isEqualTo(truth.get("capacity").asInt() - 1 - truth.get("heldBin").asInt());
        assertThat(got.get("specialBins").asInt()).isEqualTo(truth.get("specialBins").asInt());
        assertThat(got.get("size").asLong()).isNotEqualTo(got.get("entries").asLong());
        got.at("/integrity/problems").forEach(p -> assertThat(p.get("kind").asString()).isNotEqualTo("size-mismatch"));

        Cli.Ran text = Cli.run("buckets", Long.toString(jvm.pid()), truth.get("path").asString());
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("RESIZING: nextTable length " + String.format("%,d", truth.get("nextTableLength").asInt()),
                "sizeCtl " + truth.get("sizeCtl").asInt(), "transferIndex " + truth.get("transferIndex").asInt(),
                "integrity: ok");
        assertThat(jvm.isAlive()).isTrue();
    }
}
