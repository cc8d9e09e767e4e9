package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** maps against LayoutFixture: counts against jcmd GC.class_histogram, the top list against the fixture's truth. */
@ExtendWith(KillTargetsAfterAll.class)
class MapsIT {
    private static final String FEE = LayoutFixture.FeeSchedule.class.getName();
    private static final String P = LayoutFixture.class.getName() + ".";
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");

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

    /**
     * Per-class counts equal the histogram the JVM computes itself. jcmd runs a full GC first, and so is run
     * before and after: the app class and the JDK classes the fixture alone creates must match exactly; the
     * busy JDK families (HashMap, ConcurrentHashMap, LinkedHashMap) are compared only when jcmd saw the same
     * count both times (the JDK may allocate or drop such maps in between).
     */
    @Test
    void classCountsEqualJcmdsHistogram() throws Exception {
        Map<String, Long> before = jcmdHistogram();
        Cli.Ran ran = Cli.run("maps", pid, "--json", "--top", "0");
        Map<String, Long> after = jcmdHistogram();
        assertThat(ran.exit()).as(ran.toString()).isZero();
        Map<String, Long> ours = new HashMap<>();
        ran.json().get("classes").forEach(c -> ours.put(c.get("class").asString(), c.get("count").asLong()));

        assertThat(ours.get(FEE)).as("FeeSchedule").isEqualTo(1L).isEqualTo(before.get(FEE)).isEqualTo(after.get(FEE));
        for (String exact : List.of("java.util.IdentityHashMap", "java.util.WeakHashMap", "java.util.Collections$SynchronizedMap",
                "java.util.Hashtable", "java.util.Properties")) {
            assertThat(before.get(exact)).as(exact + " stable in jcmd").isEqualTo(after.get(exact));
            assertThat(ours.get(exact)).as(exact).isEqualTo(before.get(exact));
        }
        int compared = 0;
        for (String busy : List.of("java.util.HashMap", "java.util.concurrent.ConcurrentHashMap", "java.util.LinkedHashMap")) {
            if (before.get(busy).equals(after.get(busy))) {
                assertThat(ours.get(busy)).as(busy).isEqualTo(before.get(busy));
                compared++;
            } else {
                assertThat(ours.get(busy)).as(busy).isBetween(Math.min(before.get(busy), after.get(busy)),
                        Math.max(before.get(busy), after.get(busy)));
            }
        }
        assertThat(compared).as("the idle fixture keeps most JDK families stable").isGreaterThanOrEqualTo(2);
        // --top 0: counts only, nothing listed, and it says how many passed
        assertThat(ran.json().get("top").size()).isZero();
        assertThat(ran.json().get("total").asLong()).isEqualTo(ours.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void minSizeListsBigFirstWithItsPathSizeAndCapacity() {
        JsonNode big = truth.get("BIG");
        Cli.Ran ran = Cli.run("maps", pid, "--json", "--min-size", "100000");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode top = ran.json().get("top");
        assertThat(top.size()).isGreaterThanOrEqualTo(1);
        assertThat(top.get(0).get("path").asString()).isEqualTo(big.get("path").asString());
        assertThat(top.get(0).get("class").asString()).isEqualTo(big.get("class").asString());
        assertThat(top.get(0).get("size").asLong()).isEqualTo(big.get("size").asLong());
        assertThat(top.get(0).get("capacity").asLong()).isEqualTo(big.get("capacity").asLong());
        top.forEach(m -> assertThat(m.get("size").asLong()).isGreaterThanOrEqualTo(100_000));
    }

    @Test
    void classFilterTakesTheSimpleName() {
        JsonNode fee = truth.get("FEE_SCHEDULE");
        Cli.Ran ran = Cli.run("maps", pid, "--json", "--class", "FeeSchedule");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode json = ran.json();
        assertThat(json.get("classes").size()).isEqualTo(1);
        assertThat(json.at("/classes/0/class").asString()).isEqualTo(FEE);
        assertThat(json.get("top").size()).isEqualTo(1);
        assertThat(json.at("/top/0/path").asString()).isEqualTo(fee.get("path").asString());
        assertThat(json.at("/top/0/size").asLong()).isEqualTo(fee.get("size").asLong());
        assertThat(json.at("/top/0/capacity").asLong()).isEqualTo(fee.get("capacity").asLong());
    }

    @Test
    void sortByCapacityIsMonotonic() {
        JsonNode top = listAll("capacity");
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i).get("capacity").asLong()).as("capacity at " + i)
                    .isLessThanOrEqualTo(top.get(i - 1).get("capacity").asLong());
        }
        assertThat(top.get(0).get("path").asString()).isEqualTo(truth.at("/BIG/path").asString());
        assertTruthMapsListed(top);
    }

    @Test
    void sortByCollisionsIsMonotonicAndCollisionsAreSizeMinusNonEmptyBins() {
        JsonNode top = listAll("collisions");
        for (int i = 0; i < top.size(); i++) {
            assertThat(top.get(i).get("collisions").isNull()).as("collisions measured at " + i).isFalse();
            assertThat(top.get(i).get("collisions").asLong()).as("collisions at " + i).isNotNegative();
            if (i > 0) {
                assertThat(top.get(i).get("collisions").asLong()).as("collisions at " + i)
                        .isLessThanOrEqualTo(top.get(i - 1).get("collisions").asLong());
            }
        }
        assertTruthMapsListed(top);
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Ran sort = Cli.run("maps", pid, "--sort", "x");
        assertThat(sort.exit()).as(sort.toString()).isEqualTo(2);
        assertThat(sort.err().strip()).doesNotContain("\n").contains("--sort").contains("'x'");
        Cli.Ran top = Cli.run("maps", pid, "--top", "-1");
        assertThat(top.exit()).as(top.toString()).isEqualTo(2);
        assertThat(top.err().strip()).doesNotContain("\n").contains("--top");
    }

    @Test
    void textWithTopZeroShowsCountsOnly() {
        Cli.Ran ran = Cli.run("maps", pid, "--top", "0");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("instances", FEE).doesNotContain("largest by")
                .doesNotContain("no map passed the filters"); // they all passed; none was asked for
    }

    /** Every map in the truth that the list shows has the truth's size, capacity and size - nonEmptyBins. */
    private static void assertTruthMapsListed(JsonNode top) {
        Map<String, JsonNode> byPath = new HashMap<>();
        truth.properties().forEach(e -> byPath.put(e.getValue().get("path").asString(), e.getValue()));
        List<String> seen = new ArrayList<>();
        for (JsonNode m : top) {
            JsonNode t = m.get("path").isNull() ? null : byPath.get(m.get("path").asString());
            if (t == null) {
                continue;
            }
            String name = m.get("path").asString();
            seen.add(name.substring(P.length()));
            assertThat(m.get("class").asString()).as(name).isEqualTo(t.get("class").asString());
            assertThat(m.get("size").asLong()).as(name + " size").isEqualTo(t.get("size").asLong());
            assertThat(m.get("capacity").asLong()).as(name + " capacity").isEqualTo(t.get("capacity").asLong());
            assertThat(m.get("collisions").asLong()).as(name + " collisions")
                    .isEqualTo(t.get("size").asLong() - t.get("nonEmptyBins").asLong());
        }
        List<String> all = new ArrayList<>();
        truth.properties().forEach(e -> all.add(e.getKey()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    private static JsonNode listAll(String sort) {
        Cli.Ran ran = Cli.run("maps", pid, "--json", "--sort", sort, "--top", "100000");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode json = ran.json();
        assertThat(json.get("sort").asString()).isEqualTo(sort);
        assertThat(json.get("top").size()).isEqualTo(json.get("total").asInt());
        return json.get("top");
    }

    private static Map<String, Long> jcmdHistogram() throws IOException, InterruptedException {
        String jcmd = TargetJvm.javaHome().resolve("bin").resolve("jcmd").toString();
        Process p = new ProcessBuilder(jcmd, pid, "GC.class_histogram").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        Map<String, Long> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = HISTOGRAM_ROW.matcher(line);
            if (m.find()) {
                counts.put(m.group(2), Long.parseLong(m.group(1)));
            }
        }
        assertThat(counts).as(text).containsKey(FEE);
        return counts;
    }
}
