package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * races and watch races against RacesFixture: the maps written without a lock are reported (with both writers, their
 * stacks and keys, and the damage), the ones written under a monitor, a ReentrantLock or by one thread are not,
 * a ConcurrentHashMap is never watched, and every writer runs on after the watch.
 */
@ExtendWith(KillTargetsAfterAll.class)
class RacesIT {
    private static final Duration WATCH = Duration.ofSeconds(8);
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String FIXTURE = RacesFixture.class.getName();

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        Fixtures.Started s = Fixtures.start(RacesFixture.class);
        jvm = s.jvm();
        truth = s.truth();
        pid = s.pid();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    /** After every watch: each writer thread of the fixture moves on (no thread left held or suspended). */
    @AfterEach
    void everyWriterRunsOn() {
        Map<String, Long> before = progress();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> stuck = new HashSet<>(before.keySet());
        while (!stuck.isEmpty() && System.nanoTime() < deadline) {
            Map<String, Long> now = progress();
            stuck.removeIf(name -> now.get(name) > before.get(name));
        }
        assertThat(stuck).as("writers that did not move on after the watch").isEmpty();
    }

    @Test
    void reportsTheMapsWrittenWithoutALockAndNotTheOthers() {
        List<String> args = new ArrayList<>(List.of("races", pid, "--duration", WATCH.toSeconds() + "s", "--json"));
        for (String field : List.of("RACY", "RACY_TREE", "GUARDED", "LOCKED", "CONFINED")) {
            args.add("--map");
            args.add(path(field));
        }
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), args.toArray(String[]::new));
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode report = ran.json();

        Map<String, JsonNode> races = byPath(report.get("races"));
        assertThat(races.keySet()).as(ran.out()).containsExactlyInAnyOrder(path("RACY"), path("RACY_TREE"));
        for (String field : List.of("RACY", "RACY_TREE")) {
            JsonNode race = races.get(path(field));
            List<String> writers = Fixtures.strings(truth.get(field).get("writers"));
            assertThat(race.at("/map/class").asString()).isEqualTo(truth.get(field).get("class").asString());
            assertThat(race.get("overlaps").asLong()).isPositive();
            assertThat(race.get("firstSeenMillis").asLong()).as("reported within the watch").isLessThan(WATCH.toMillis());
            List<String> threads = Fixtures.strings(race.get("threads"));
            assertThat(threads).hasSize(2).doesNotHaveDuplicates();
            assertThat(writers).containsAll(threads);
            assertThat(race.get("stacks").propertyNames()).containsExactlyInAnyOrderElementsOf(threads);
            for (String t : threads) {
                List<String> frames = Fixtures.strings(race.get("stacks").get(t));
                // inside one of the map's mutators (the thread inside may be deeper, e.g. in String.hashCode), called
                // from the fixture's write
                String mapClass = "java.util." + (field.equals("RACY") ? "HashMap." : "TreeMap.");
                int caller = indexOf(frames, FIXTURE + ".putOrRemove(");
                int mutator = indexOf(frames, mapClass);
                assertThat(caller).as(frames.toString()).isPositive();
                assertThat(mutator).as(frames.toString()).isBetween(0, caller - 1);
            }
            // the fixture writes keys named after the writing thread: each key belongs to the thread it is shown with
            for (JsonNode w : race.get("writes")) {
                if (!w.get("key").isNull()) {
                    assertThat(w.get("key").asString()).startsWith("\"" + w.get("thread").asString() + "-");
                }
            }
            assertThat(race.get("keys")).hasSize(2);
        }
        for (String field : List.of("RACY", "RACY_TREE")) { // buckets' check, and the TreeMap's tree check
            JsonNode damage = races.get(path(field)).get("damage");
            assertThat(damage.get("checked").asBoolean()).as(damage.toString()).isTrue();
            assertThat(damage.get("walked").asLong()).as(damage.toString()).isPositive();
            assertThat(damage.get("ok").asBoolean()).isEqualTo(damage.get("problems").isEmpty());
        }

        Map<String, JsonNode> watched = byPath(report.get("watched"));
        assertThat(watched.keySet()).hasSize(5);
        for (String field : List.of("GUARDED", "LOCKED", "CONFINED")) {
            JsonNode w = watched.get(path(field));
            // the watch saw these maps written (by as many threads as the fixture runs), and still no race
            assertThat(w.get("writes").asLong()).as(field).isPositive();
            assertThat(w.get("writers").asInt()).as(field).isEqualTo(truth.get(field).get("writers").size());
        }
        assertThat(report.get("source").asString()).isEqualTo("jdwp");
        assertThat(Fixtures.strings(report.get("notes"))).anyMatch(n -> n.contains("slowed"));
    }

    @Test
    void neverWatchesAThreadSafeMap() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--map", path("CONCURRENT"), "--duration", "2s");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("not watched: @").contains(path("CONCURRENT"))
                .contains("thread-safe map (ConcurrentHashMap): not watched").contains("no race seen")
                .doesNotContain("RACE ");
    }

    @Test
    void allFindsExactlyTheRacyMaps() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--all", "--duration", WATCH.toSeconds() + "s", "--json");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Set<String> expected = new HashSet<>();
        truth.propertyNames().forEach(f -> {
            if (truth.get(f).get("racy").asBoolean()) {
                expected.add(truth.get(f).get("path").asString());
            }
        });
        assertThat(byPath(ran.json().get("races")).keySet()).as(ran.out()).containsExactlyInAnyOrderElementsOf(expected);
        Set<String> watched = byPath(ran.json().get("watched")).keySet();
        assertThat(watched).contains(path("GUARDED"), path("LOCKED"), path("CONFINED")).doesNotContain(path("CONCURRENT"));
    }

    @Test
    void watchRacesInTheReplAnnouncesTheRaceThenReports() {
        try (PipedRepl repl = PipedRepl.attach(pid, BOUND)) {
            repl.send("watch races --map " + path("RACY") + " --duration 6s");
            String announced = repl.awaitOutContaining("race: @");
            assertThat(announced).contains(path("RACY")).contains("racer-");
            repl.awaitOutContaining("RACE @");
            repl.awaitOutContaining("damage:");
            repl.send("watch nothing --all");
            repl.awaitErr(l -> l.contains("watch: can watch races"), "watch error");
            repl.send("detach");
            assertThat(repl.endInput()).as("a piped REPL exits 1 after a failed command (watch nothing)").isEqualTo(1);
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
        list.forEach(n -> out.put(n.at("/map/path").asString(), n));
        return out;
    }

    /** The fixture's count of writes per writer thread, asked on its stdin. */
    private static Map<String, Long> progress() {
        try {
            var stdin = jvm.process().getOutputStream();
            stdin.write("progress\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String line = jvm.awaitLine(l -> l.startsWith("PROGRESS "), Duration.ofSeconds(30));
        Map<String, Long> out = new HashMap<>();
        for (String pair : line.substring("PROGRESS ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return out;
    }
}
