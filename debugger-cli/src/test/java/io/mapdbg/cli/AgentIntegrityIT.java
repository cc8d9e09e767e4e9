package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.CorruptFixture;
import io.mapdbg.examples.fixtures.ResizeFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
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

/**
 * The agent's walk of maps that are not at rest: a ConcurrentHashMap stalled mid-resize (ForwardingNodes,
 * nextTable, negative sizeCtl) and corrupted maps (cycle, wrong bin, size mismatch, broken tree), each against
 * the truth its fixture computed, as ResizeIT and CorruptIT check the JDWP path.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentIntegrityIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static TargetJvm resizeJvm;
    private static JsonNode resizing;
    private static TargetJvm corruptJvm;
    private static JsonNode corrupt;

    @BeforeAll
    static void start() {
        Fixtures.Started r = Fixtures.start(ResizeFixture.class);
        resizeJvm = r.jvm();
        resizing = r.truth().get("RESIZING");
        Fixtures.Started c = Fixtures.start(CorruptFixture.class);
        corruptJvm = c.jvm();
        corrupt = c.truth();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(resizeJvm);
        Fixtures.stop(corruptJvm);
    }

    @Test
    void stalledResizeThroughTheAgent() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "buckets", Long.toString(resizeJvm.pid()), resizing.get("path").asString(),
                "--json", "--chains", "3", "--chain-entries", "64", "--preview", "200", "--agent");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode got = ran.json();
        LayoutTruth.assertMatches(got, resizing, "agent");
        assertThat(got.at("/concurrent/resize/resizing").asBoolean()).isTrue();
        assertThat(got.at("/concurrent/resize/nextTableLength").asInt()).isEqualTo(resizing.get("nextTableLength").asInt());
        assertThat(got.at("/concurrent/resize/sizeCtl").asInt()).isEqualTo(resizing.get("sizeCtl").asInt()).isNegative();
        assertThat(got.at("/concurrent/forwardingNodes").asInt()).isEqualTo(resizing.get("forwardingNodes").asInt());
        assertThat(got.get("specialBins").asInt()).isEqualTo(resizing.get("specialBins").asInt());
        got.at("/integrity/problems").forEach(p -> assertThat(p.get("kind").asString()).isNotEqualTo("size-mismatch"));
    }

    static Stream<String> corruptMaps() {
        List<String> names = new ArrayList<>();
        corrupt.properties().forEach(e -> names.add(e.getKey()));
        assertThat(names).contains("SOUND", "CYCLE", "WRONG_BIN", "SIZE_MISMATCH", "BROKEN_TREE");
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptMaps")
    void integrityThroughTheAgentFindsExactlyTheDeclaredProblems(String name) {
        JsonNode t = corrupt.get(name);
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "buckets", Long.toString(corruptJvm.pid()), t.get("path").asString(),
                "--json", "--agent");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode got = ran.json();
        assertThat(got.get("source").asString()).isEqualTo("agent");
        assertThat(got.get("capacity").asInt()).isEqualTo(t.get("capacity").asInt());
        assertThat(got.get("size").asInt()).isEqualTo(t.get("sizeField").asInt());
        List<String> expected = new ArrayList<>();
        t.get("problems").forEach(k -> expected.add(k.asString()));
        List<String> kinds = new ArrayList<>();
        got.at("/integrity/problems").forEach(p -> kinds.add(p.get("kind").asString()));
        assertThat(got.at("/integrity/ok").asBoolean()).as(got.get("integrity").toString()).isEqualTo(expected.isEmpty());
        assertThat(kinds).as(got.get("integrity").toString()).containsExactlyInAnyOrderElementsOf(expected);
        int bin = t.get("bin").isNull() ? -1 : t.get("bin").asInt();
        got.at("/integrity/problems").forEach(p -> assertThat(p.get("bin").asInt()).as(p.toString()).isEqualTo(bin));
        if (t.has("entries")) {
            assertThat(got.get("entries").asInt()).isEqualTo(t.get("entries").asInt());
        }
        assertThat(corruptJvm.isAlive()).isTrue();
    }
}
