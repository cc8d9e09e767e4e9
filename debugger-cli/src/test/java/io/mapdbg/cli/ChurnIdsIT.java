package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.ChurnFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * An @id printed by one command names the same map in the next, or is refused with one line (issue 16, point 1),
 * on a target that makes and drops thousands of same-looking maps a second (ChurnFixture): maps, then buckets of
 * the ids it listed, many times. A map held by a static final field is found by its id right after maps, and by
 * its path always; a map of no static path, or of a non-final one, is refused, never shown as another map.
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChurnIdsIT {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final int ROUNDS = 6;
    private static Fixtures.Started fixture;
    private static String pid;

    @BeforeAll
    static void start() {
        fixture = Fixtures.start(ChurnFixture.class);
        pid = fixture.pid();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(fixture == null ? null : fixture.jvm());
    }

    private static String path(String field) {
        return fixture.truth().at("/" + field + "/path").asString();
    }

    /** A refusal: exit 1 or 2, nothing on out, one line on err naming the id. */
    private static void assertRefused(Cli.Ran ran, String ref) {
        assertThat(ran.exit()).as(ran.toString()).isIn(1, 2);
        assertThat(ran.out()).as(ran.toString()).isEmpty();
        List<String> lines = ran.err().strip().lines().filter(l -> !l.startsWith("mapdbg: loaded the mapdbg agent")).toList();
        assertThat(lines).as(ran.toString()).hasSize(1)
                .allSatisfy(l -> assertThat(l).startsWith("mapdbg: ").contains(ref));
    }

    @Test
    @Order(1)
    void idsFromMapsNameTheSameMapOrAreRefusedOverJdwp() {
        int proven = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Cli.Ran maps = Cli.run(BOUND, Cli.stdin(""), "maps", pid, "--json", "--class", "java.util.HashMap", "--top", "60");
            assertThat(maps.exit()).as(maps.toString()).isZero();
            JsonNode fixed = null;
            JsonNode swapped = null;
            List<JsonNode> pathless = new ArrayList<>();
            for (JsonNode m : maps.json().get("top")) {
                String p = m.get("path").isNull() ? null : m.get("path").asString();
                if (path("FIXED_BIG").equals(p)) {
                    fixed = m;
                } else if (path("SWAPPED").equals(p)) {
                    swapped = m;
                } else if (p == null && m.get("size").asLong() == ChurnFixture.SIZE && pathless.size() < 3) {
                    pathless.add(m);
                }
            }
            assertThat(fixed).as("FIXED_BIG in " + maps.out()).isNotNull();
            assertThat(pathless).as("churned maps of the same size in the list").isNotEmpty();

            // right after maps: the static final map is found by its id, and it is that map
            String fixedRef = "@" + fixed.get("id").asLong();
            Cli.Ran byId = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, fixedRef, "--json");
            assertThat(byId.exit()).as(byId.toString()).isZero();
            assertThat(byId.json().at("/map/path").asString()).isEqualTo(path("FIXED_BIG"));
            assertThat(byId.json().at("/map/class").asString()).isEqualTo("java.util.HashMap");
            assertThat(byId.json().get("size").asLong()).isEqualTo(ChurnFixture.SIZE);
            proven++;

            // same size, capacity and keys as a churned map: only identity could tell, so these are refused
            List<JsonNode> others = new ArrayList<>(pathless);
            if (swapped != null) {
                others.add(swapped);
            }
            for (JsonNode m : others) {
                String ref = "@" + m.get("id").asLong();
                Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, ref, "--json");
                if (ran.exit() == 0) { // only a map proven at a final path may come back: SWAPPED is not final
                    assertThat(m.get("path").isNull() || m.get("path").asString().equals(path("SWAPPED")))
                            .as("a map without a final static path was shown: " + ran).isFalse();
                    assertThat(ran.json().at("/map/path").asString()).isEqualTo(m.get("path").asString());
                    proven++;
                } else {
                    assertRefused(ran, ref);
                    if (!m.get("path").isNull()) {
                        assertThat(ran.err()).contains("use its static path " + m.get("path").asString());
                    }
                    refused++;
                }
            }
            // every map with a static path: found by its path, every time
            for (String field : new String[] {"FIXED_BIG", "FIXED_SMALL", "SWAPPED"}) {
                Cli.Ran byPath = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, path(field), "--json");
                assertThat(byPath.exit()).as(byPath.toString()).isZero();
                assertThat(byPath.json().at("/map/path").asString()).isEqualTo(path(field));
                assertThat(byPath.json().get("size").asLong()).isEqualTo(fixture.truth().at("/" + field + "/size").asLong());
            }
        }
        assertThat(proven).isGreaterThanOrEqualTo(ROUNDS);
        assertThat(refused).isGreaterThanOrEqualTo(ROUNDS);
    }

    /** Last: loads the agent. Agent ids are exact (its table lives in the target); the other way's ids are refused. */
    @Test
    @Order(2)
    void agentIdsAreExactAndNeverTakenForJdwpIds() {
        Cli.Ran jdwpMaps = Cli.run(BOUND, Cli.stdin(""), "maps", pid, "--json", "--class", "java.util.HashMap", "--top", "5");
        assertThat(jdwpMaps.exit()).as(jdwpMaps.toString()).isZero();
        String jdwpRef = "@" + jdwpMaps.json().at("/top/0/id").asLong();
        for (int round = 0; round < ROUNDS; round++) {
            Cli.Ran maps = Cli.run(BOUND, Cli.stdin(""), "maps", pid, "--json", "--agent", "--top", "20");
            assertThat(maps.exit()).as(maps.toString()).isZero();
            int found = 0;
            for (JsonNode m : maps.json().get("top")) {
                String p = m.get("path").isNull() ? null : m.get("path").asString();
                if (p == null || !p.startsWith(ChurnFixture.class.getName() + ".")) {
                    continue;
                }
                String ref = "@" + m.get("id").asLong();
                Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, ref, "--json", "--agent");
                if (ran.exit() != 0) { // SWAPPED's old map, collected meanwhile
                    assertRefused(ran, "");
                    continue;
                }
                JsonNode got = ran.json();
                assertThat(got.at("/map/id").asLong()).isEqualTo(m.get("id").asLong());
                assertThat(got.at("/map/class").asString()).isEqualTo(m.get("class").asString());
                if (!got.at("/map/path").isNull() && !got.at("/map/path").isMissingNode()) {
                    assertThat(got.at("/map/path").asString()).isEqualTo(p);
                }
                if (!p.endsWith(".SWAPPED")) {
                    assertThat(got.get("size").asLong()).isEqualTo(m.get("size").asLong());
                    found++;
                }
            }
            assertThat(found).as(maps.out()).isEqualTo(2); // FIXED_BIG and FIXED_SMALL, every round
            String agentRef = "@" + maps.json().at("/top/0/id").asLong();
            Cli.Ran agentIdOverJdwp = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, agentRef, "--json");
            assertRefused(agentIdOverJdwp, agentRef);
            assertThat(agentIdOverJdwp.err()).contains("the mapdbg agent printed");
        }
        Cli.Ran jdwpIdToAgent = Cli.run(BOUND, Cli.stdin(""), "buckets", pid, jdwpRef, "--json", "--agent");
        assertRefused(jdwpIdToAgent, jdwpRef);
        assertThat(jdwpIdToAgent.err()).contains("was not printed by the mapdbg agent");
    }
}
