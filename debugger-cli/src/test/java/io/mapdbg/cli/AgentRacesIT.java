package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * races through the mapdbg agent, against RacesFixture in a JVM without JDWP (races --agent loads the agent through
 * the Attach API): the maps written without a lock (HashMap and TreeMap) are reported with both writers, their
 * stacks and keys; the ones written under a monitor, a ReentrantLock or by one thread are not; a ConcurrentHashMap
 * is never watched; and after every run the hooks are out (nothing watched, no class hooked, --all off).
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentRacesIT {
    private static final Duration WATCH = Duration.ofSeconds(6);
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String FIXTURE = RacesFixture.class.getName();

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        Fixtures.Started started = Fixtures.startPlain(RacesFixture.class);
        jvm = started.jvm();
        truth = started.truth();
        pid = started.pid();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    /** After every run: the agent took every hook out (its own stats, asked on a connection of the test's). */
    @AfterEach
    void theHooksAreOut() throws IOException {
        try (AgentClient agent = AgentLoader.connect(jvm.pid(), true).client()) {
            DataInputStream in = agent.call("hooks.stats", Map.of());
            if (!in.readBoolean()) {
                return; // never installed
            }
            List<String> hooked = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                hooked.add(in.readUTF());
            }
            int watched = in.readInt();
            boolean racesAll = in.readBoolean();
            assertThat(hooked).as("classes still hooked").isEmpty();
            assertThat(watched).as("maps still watched").isZero();
            assertThat(racesAll).as("races --all still on").isFalse();
        }
    }

    @Test
    void reportsTheMapsWrittenWithoutALockAndNotTheOthers() {
        List<String> args = new ArrayList<>(List.of("races", pid, "--agent", "--duration", WATCH.toSeconds() + "s", "--json"));
        for (String field : List.of("RACY", "RACY_TREE", "GUARDED", "LOCKED", "CONFINED", "CONCURRENT")) {
            args.add("--map");
            args.add(path(field));
        }
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), args.toArray(String[]::new));
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode report = ran.json();
        assertThat(report.get("source").asString()).isEqualTo("agent");

        Map<String, JsonNode> races = byPath(report.get("races"));
        assertThat(races.keySet()).as(ran.out()).containsExactlyInAnyOrder(path("RACY"), path("RACY_TREE"));
        for (String field : List.of("RACY", "RACY_TREE")) {
            JsonNode race = races.get(path(field));
            List<String> writers = Fixtures.strings(truth.get(field).get("writers"));
            assertThat(race.at("/map/class").asString()).isEqualTo(truth.get(field).get("class").asString());
            assertThat(race.get("overlaps").asLong()).isPositive();
            assertThat(race.get("firstSeenMillis").asLong()).as("reported within the watch").isLessThan(WATCH.toMillis());
            List<String> threads = Fixtures.strings(race.get("threads"));
            assertThat(threads).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
            assertThat(writers).containsAll(threads);
            JsonNode first = race.get("writes");
            String entering = first.get(1).get("thread").asString();
            // the entering writer's stack is taken at the overlap: inside the map's mutator, called from the fixture
            List<String> frames = Fixtures.strings(race.get("stacks").get(entering));
            String mapClass = "java.util." + (field.equals("RACY") ? "HashMap." : "TreeMap.");
            int caller = indexOf(frames, FIXTURE + ".putOrRemove(");
            int mutator = indexOf(frames, mapClass);
            assertThat(caller).as(frames.toString()).isPositive();
            assertThat(mutator).as(frames.toString()).isBetween(0, caller - 1);
            // the fixture writes keys named after the writing thread: each key belongs to the thread it is shown with
            for (JsonNode w : race.get("writes")) {
                if (!w.get("key").isNull()) {
                    assertThat(w.get("key").asString()).startsWith("\"" + w.get("thread").asString() + "-");
                }
            }
        }
        for (String field : List.of("RACY", "RACY_TREE")) { // buckets' check, and the TreeMap's tree check
            JsonNode damage = races.get(path(field)).get("damage");
            assertThat(damage.get("checked").asBoolean()).as(damage.toString()).isTrue();
            assertThat(damage.get("walked").asLong()).as(damage.toString()).isPositive();
            assertThat(damage.get("ok").asBoolean()).isEqualTo(damage.get("problems").isEmpty());
        }

        Map<String, JsonNode> watched = byPath(report.get("watched"));
        assertThat(watched.keySet()).containsExactlyInAnyOrder(path("RACY"), path("RACY_TREE"), path("GUARDED"),
                path("LOCKED"), path("CONFINED"));
        for (String field : List.of("GUARDED", "LOCKED", "CONFINED")) {
            JsonNode w = watched.get(path(field));
            // the hooks saw these maps written, by as many threads as the fixture runs, and still no race
            assertThat(w.get("writes").asLong()).as(field).isPositive();
            assertThat(w.get("writers").asInt()).as(field).isEqualTo(truth.get(field).get("writers").size());
        }
        Map<String, JsonNode> skipped = byPath(report.get("skipped"));
        assertThat(skipped.keySet()).containsExactly(path("CONCURRENT"));
        assertThat(skipped.get(path("CONCURRENT")).get("reason").asString()).contains("thread-safe map (ConcurrentHashMap)");
    }

    @Test
    void allFindsExactlyTheRacyMaps() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--agent", "--all", "--duration",
                WATCH.toSeconds() + "s", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        // --all marks every instance (a JDK-internal map written by two threads would be a true race too), and a
        // TreeMap that the agent's map list does not name has no path: each race is told by its writers instead
        Set<String> safeWriters = new HashSet<>();
        truth.propertyNames().forEach(f -> {
            if (!truth.get(f).get("racy").asBoolean()) {
                safeWriters.addAll(Fixtures.strings(truth.get(f).get("writers")));
            }
        });
        Set<String> racedBy = new HashSet<>();
        for (JsonNode race : ran.json().get("races")) {
            List<String> threads = Fixtures.strings(race.get("threads"));
            assertThat(threads).as(ran.out()).doesNotContainAnyElementsOf(safeWriters);
            racedBy.addAll(threads);
        }
        truth.propertyNames().forEach(f -> {
            if (truth.get(f).get("racy").asBoolean()) {
                assertThat(racedBy).as(f + " in " + ran.out()).containsAnyElementsOf(Fixtures.strings(truth.get(f).get("writers")));
            }
        });
        assertThat(byPath(ran.json().get("races"))).as(ran.out()).containsKey(path("RACY"));
        Set<String> watched = byPath(ran.json().get("watched")).keySet();
        assertThat(watched).contains(path("GUARDED"), path("LOCKED"), path("CONFINED")).doesNotContain(path("CONCURRENT"));
        assertThat(ran.json().get("source").asString()).isEqualTo("agent");
    }

    @Test
    void aJvmWithoutJdwpServesRacesThroughItsRunningAgent() {
        // no --agent: the JVM has no JDWP, so the agent already running in it is used
        AgentLoader.connect(jvm.pid(), true).client().close(); // running (whichever test came first)
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--map", path("RACY"), "--duration", "4s");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("races over agent").contains("RACE @").contains(path("RACY")).contains("damage");
        assertThat(ran.err()).contains("using the mapdbg agent running in it");
    }

    @Test
    void watchRacesInAnAgentReplAnnouncesTheRaceThenReports() {
        try (PipedRepl repl = PipedRepl.attachAgent(pid, BOUND)) {
            repl.send("watch races --map " + path("RACY") + " --map " + path("CONFINED") + " --duration 4s");
            String announced = repl.awaitOutContaining("race: @");
            assertThat(announced).contains(path("RACY")).contains("racer-");
            repl.awaitOutContaining("races over agent");
            repl.awaitOutContaining("RACE @");
            repl.awaitOutContaining("damage");
            String quiet = repl.awaitOutContaining("no race: ");
            assertThat(quiet).contains(path("CONFINED"));
            repl.send("detach");
            assertThat(repl.endInput()).isZero();
        }
    }

    private static int indexOf(List<String> frames, String prefix) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String path(String field) {
        return truth.get(field).get("path").asString();
    }

    private static Map<String, JsonNode> byPath(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        list.forEach(n -> out.put(n.at("/map/path").isNull() || n.at("/map/path").isMissingNode() ? null
                : n.at("/map/path").asString(), n));
        return out;
    }
}
