package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.BlockedFixture;
import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same command's JSON through both backends on one JVM: JDWP first (the fixture runs with JDWP), then --agent
 * on that JVM. Records both backends can serve must be equal, except for fields that differ by design:
 * <ul>
 * <li>{@code source} (says which way served it; a blocked report has none) and object ids ({@code map.id},
 * {@code lock.id}, {@code waitsFor.id}: JDWP ids are per connection, the agent's are its own);</li>
 * <li>maps: the agent lists the maps static fields reach, JDWP every instance in the heap, so the fixture's static
 * maps are compared (class, size, capacity, collisions, path), not the class counts, total or scope;</li>
 * <li>threads --blocked: the count of all threads (the agent's dump includes its own thread serving the request)
 * and the pause;</li>
 * <li>races --map: which maps raced, their class and writer threads, the maps watched and skipped (with why) are
 * compared; the number of overlaps and writes, timings, stacks, the damage walk (suspended over JDWP, live through
 * the agent) and notes describe each way's own watch.</li>
 * </ul>
 * BlockedFixture serves maps, buckets and threads --blocked (its maps stay still: their writers are stuck);
 * RacesFixture serves races (its maps change all the time).
 */
@ExtendWith(KillTargetsAfterAll.class)
class BackendParityIT {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String BLOCKED = BlockedFixture.class.getName() + ".";
    private static final String RACES = RacesFixture.class.getName() + ".";

    private static TargetJvm blockedJvm;
    private static TargetJvm racesJvm;
    private static JsonNode racesTruth;

    @BeforeAll
    static void start() {
        blockedJvm = TargetJvm.start(BlockedFixture.class);
        try {
            blockedJvm.awaitLine(l -> l.startsWith("TRUTH "), Fixtures.START);
            blockedJvm.awaitLine("READY"::equals, Fixtures.START);
            Fixtures.Started s = Fixtures.start(RacesFixture.class);
            racesJvm = s.jvm();
            racesTruth = s.truth();
        } catch (RuntimeException | Error e) {
            blockedJvm.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(blockedJvm);
        Fixtures.stop(racesJvm);
    }

    @Test
    void mapsBucketsAndBlockedThreadsAreTheSameRecordsThroughBothBackends() {
        String pid = Long.toString(blockedJvm.pid());
        String previous = System.getProperty("mapdbg.threads");
        System.setProperty("mapdbg.threads", "jdwp"); // once the agent runs, a one-shot blocked report prefers it
        try {
            // JDWP first: the agent is not loaded yet
            JsonNode jdwpMaps = json(Cli.run(BOUND, Cli.stdin(""), "maps", pid, "--top", "100000", "--json"), "jdwp");
            Cli.Ran blockedRun = Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--json");
            assertThat(blockedRun.err()).doesNotContain("through the mapdbg agent");
            JsonNode jdwpBlocked = json(blockedRun, "jdwp");
            JsonNode agentMaps = json(Cli.run(BOUND, Cli.stdin(""), "maps", pid, "--top", "100000", "--json",
                    "--agent"), "agent");
            JsonNode agentBlocked = json(Cli.run(BOUND, Cli.stdin(""), "threads", pid, "--blocked", "--json",
                    "--agent"), "agent");

            TreeMap<String, String> viaJdwp = fixtureMaps(jdwpMaps);
            TreeMap<String, String> viaAgent = fixtureMaps(agentMaps);
            assertThat(viaAgent).as("the fixture's static maps").hasSizeGreaterThanOrEqualTo(4).isEqualTo(viaJdwp);

            for (String path : viaAgent.keySet()) {
                JsonNode jdwp = json(Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path, "--json"), "jdwp");
                JsonNode agent = json(Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path, "--json", "--agent"),
                        "agent");
                for (JsonNode layout : List.of(jdwp, agent)) {
                    ((ObjectNode) layout.get("map")).remove("id");
                    ((ObjectNode) layout).remove("source");
                }
                assertThat(agent).as(path).isEqualTo(jdwp);
            }

            for (JsonNode report : List.of(jdwpBlocked, agentBlocked)) {
                ((ObjectNode) report).remove(List.of("threads", "pauseMillis"));
                withoutObjectIds(report);
            }
            assertThat(agentBlocked.get("clusters").size()).as("the fixture's clusters").isPositive();
            assertThat(agentBlocked).isEqualTo(jdwpBlocked);
        } finally {
            if (previous == null) {
                System.clearProperty("mapdbg.threads");
            } else {
                System.setProperty("mapdbg.threads", previous);
            }
        }
    }

    @Test
    void racesOnTheSameMapsFindTheSameRacesThroughBothBackends() {
        String pid = Long.toString(racesJvm.pid());
        List<String> args = new ArrayList<>(List.of("races", pid, "--duration", "5s", "--json"));
        for (String field : List.of("RACY", "GUARDED", "CONFINED", "CONCURRENT")) {
            args.add("--map");
            args.add(RACES + field);
        }
        JsonNode jdwp = json(Cli.run(BOUND, Cli.stdin(""), args.toArray(String[]::new)), "jdwp");
        args.add("--agent");
        JsonNode agent = json(Cli.run(BOUND, Cli.stdin(""), args.toArray(String[]::new)), "agent");

        Set<String> racedJdwp = races(jdwp);
        assertThat(racedJdwp).as("the fixture's truth: RACY is written by its two writers without a lock")
                .containsExactly(RACES + "RACY " + racesTruth.at("/RACY/class").asString() + " "
                        + new TreeSet<>(Fixtures.strings(racesTruth.at("/RACY/writers"))));
        assertThat(races(agent)).isEqualTo(racedJdwp);
        assertThat(maps(agent.get("watched"), "")).isEqualTo(maps(jdwp.get("watched"), ""))
                .hasSize(3);
        assertThat(maps(agent.get("skipped"), "reason")).isEqualTo(maps(jdwp.get("skipped"), "reason"))
                .hasSize(1);
    }

    /** A one-shot's JSON, after checking it ran and which way served it (where the record says: not blocked's). */
    private static JsonNode json(Cli.Ran ran, String source) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode json = ran.json();
        if (json.has("source")) {
            assertThat(json.get("source").asString()).as(ran.toString()).isEqualTo(source);
        }
        return json;
    }

    /** The census's maps held by the fixture's static fields: path to class, size, capacity and collisions. */
    private static TreeMap<String, String> fixtureMaps(JsonNode census) {
        TreeMap<String, String> out = new TreeMap<>();
        for (JsonNode m : census.get("top")) {
            String path = m.get("path").isNull() ? "" : m.get("path").asString();
            if (path.startsWith(BLOCKED)) {
                out.put(path, m.get("class").asString() + " size=" + m.get("size") + " capacity=" + m.get("capacity")
                        + " collisions=" + m.get("collisions"));
            }
        }
        return out;
    }

    /** Object ids name objects per way in: removed from every lock (lock, waitsFor) and map reference in a report. */
    private static void withoutObjectIds(JsonNode node) {
        if (node.isObject()) {
            for (String name : List.of("lock", "map", "waitsFor")) {
                if (node.get(name) != null && node.get(name).isObject()) {
                    ((ObjectNode) node.get(name)).remove("id");
                }
            }
            ((ObjectNode) node).remove("jdiId");
        }
        node.forEach(BackendParityIT::withoutObjectIds);
    }

    /** Each race: its map's path and class, and its two writers. */
    private static Set<String> races(JsonNode report) {
        Set<String> out = new TreeSet<>();
        for (JsonNode r : report.get("races")) {
            out.add(r.at("/map/path").asString() + " " + r.at("/map/class").asString() + " "
                    + new TreeSet<>(Fixtures.strings(r.get("threads"))));
        }
        return out;
    }

    /** Watched or skipped maps: path and class (and the field named, such as why it was skipped). */
    private static Set<String> maps(JsonNode list, String field) {
        Set<String> out = new TreeSet<>();
        for (JsonNode w : list) {
            out.add(w.at("/map/path").asString() + " " + w.at("/map/class").asString()
                    + (field.isEmpty() ? "" : " " + w.get(field).asString()));
        }
        return out;
    }
}
