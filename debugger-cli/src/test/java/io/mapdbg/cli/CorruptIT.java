package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.CorruptFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** buckets against CorruptFixture: each corruption is found in its bin, never followed forever, the target unharmed. */
@ExtendWith(KillTargetsAfterAll.class)
class CorruptIT {
    /** A cycle must not hang the walk: a small map of a corrupt fixture answers well within this. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    private static TargetJvm jvm;
    private static JsonNode truth;

    @BeforeAll
    static void start() {
        Fixtures.Started started = Fixtures.start(CorruptFixture.class);
        jvm = started.jvm();
        truth = started.truth();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    static Stream<String> maps() {
        List<String> names = new ArrayList<>();
        truth.properties().forEach(e -> names.add(e.getKey()));
        assertThat(names).contains("SOUND", "CYCLE", "WRONG_BIN", "SIZE_MISMATCH", "BROKEN_TREE");
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void integrityFindsExactlyTheDeclaredProblems(String name) {
        JsonNode t = truth.get(name);
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "buckets", Long.toString(jvm.pid()), t.get("path").asString(), "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode got = ran.json();
        assertThat(got.at("/map/class").asString()).isEqualTo(t.get("class").asString());
        assertThat(got.get("capacity").asInt()).isEqualTo(t.get("capacity").asInt());
        assertThat(got.get("size").asInt()).as("size is the raw size field").isEqualTo(t.get("sizeField").asInt());

        List<String> expectedKinds = new ArrayList<>();
        t.get("problems").forEach(k -> expectedKinds.add(k.asString()));
        JsonNode problems = got.at("/integrity/problems");
        List<String> kinds = new ArrayList<>();
        problems.forEach(p -> kinds.add(p.get("kind").asString()));
        assertThat(got.at("/integrity/ok").asBoolean()).as(got.get("integrity").toString()).isEqualTo(expectedKinds.isEmpty());
        assertThat(kinds).as(got.get("integrity").toString()).containsExactlyInAnyOrderElementsOf(expectedKinds);
        int bin = t.get("bin").isNull() ? -1 : t.get("bin").asInt();
        problems.forEach(p -> {
            assertThat(p.get("bin").asInt()).as(p.toString()).isEqualTo(bin);
            assertThat(p.get("message").asString()).isNotBlank();
        });
        if (t.has("expectedBin")) {
            assertThat(problems.get(0).get("message").asString()).contains("expected bin " + t.get("expectedBin").asInt());
        }
        if (t.has("entries")) {
            assertThat(got.get("entries").asInt()).isEqualTo(t.get("entries").asInt());
            assertThat(problems.get(0).get("message").asString())
                    .contains(Integer.toString(t.get("sizeField").asInt()), Integer.toString(t.get("entries").asInt()));
        }
        // the target was resumed, not harmed: alive, and it answers the next attach
        assertThat(jvm.isAlive()).isTrue();
        Cli.Ran again = Cli.run(BOUND, Cli.stdin(""), "buckets", Long.toString(jvm.pid()), truth.at("/SOUND/path").asString(), "--json");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.json().at("/integrity/ok").asBoolean()).isTrue();
    }
}
