package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.TightRacesFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * races --all through the agent against writers in loops that do nothing but put (TightRacesFixture): the race of
 * two such writers is reported, the map written by one is not. This is what keeps the gate of races --all one the
 * JIT has to read on every write: a plain field, measured faster, was lifted out of such loops by C2 on JDK 25, and
 * this race went unreported (PERFORMANCE.md, races).
 */
@ExtendWith(KillTargetsAfterAll.class)
class TightLoopRacesIT {
    private static final Duration BOUND = Duration.ofSeconds(90);

    private static TargetJvm jvm;
    private static JsonNode truth;

    @BeforeAll
    static void start() {
        Fixtures.Started started = Fixtures.startPlain(TightRacesFixture.class);
        jvm = started.jvm();
        truth = started.truth();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    @Test
    void allReportsTwoWritersThatOnlyPutAndNotTheOneAlone() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", Long.toString(jvm.pid()), "--agent", "--all",
                "--duration", "6s", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode tight = null;
        for (JsonNode race : ran.json().get("races")) {
            assertThat(race.at("/map/path").asString()).as(ran.out()).isNotEqualTo(path("ALONE"));
            assertThat(Fixtures.strings(race.get("threads"))).as(ran.out()).doesNotContain("alone");
            if (path("TIGHT").equals(race.at("/map/path").asString())) {
                tight = race;
            }
        }
        assertThat(tight).as("TIGHT reported in " + ran.out()).isNotNull();
        assertThat(Fixtures.strings(tight.get("threads"))).containsExactlyInAnyOrder("tight-1", "tight-2");
        assertThat(tight.get("overlaps").asLong()).isPositive();
        assertThat(tight.at("/map/class").asString()).isEqualTo("java.util.HashMap");
    }

    private static String path(String field) {
        return truth.get(field).get("path").asString();
    }
}
