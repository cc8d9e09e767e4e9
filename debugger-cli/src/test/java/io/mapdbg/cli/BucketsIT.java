package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** buckets against LayoutFixture: every field of every map's layout against the truth the fixture computed itself. */
@ExtendWith(KillTargetsAfterAll.class)
class BucketsIT {
    private static final String P = LayoutFixture.class.getName() + ".";
    /** Shows the whole longest chain (12 at most, BIG's 5), and every IdentityHashMap probe run, with unbounded-enough previews. */
    private static final String[] SHOW_LONGEST = {"--json", "--chains", "64", "--chain-entries", "64", "--preview", "200"};

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

    static Stream<String> smallMaps() {
        List<String> names = new ArrayList<>();
        truth.properties().forEach(e -> names.add(e.getKey()));
        names.remove("BIG");
        assertThat(names).hasSize(12);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallMaps")
    void layoutMatchesTheTruth(String name) {
        Cli.Ran ran = buckets(P + name);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        LayoutTruth.assertOneLineOfJson(ran);
        LayoutTruth.assertMatches(ran.json(), truth.get(name));
    }

    @Test
    void bigMapOver262kBinsIsWalkedCompletely() {
        long started = System.nanoTime();
        Cli.Ran ran = Cli.run(Duration.ofSeconds(240), Cli.stdin(""), args("buckets", pid, P + "BIG", SHOW_LONGEST));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(ran.exit()).as(ran.toString()).isZero();
        LayoutTruth.assertMatches(ran.json(), truth.get("BIG"));
        // over a second: progress on err, and the target is still alive (no 65,536-element read killed it)
        assertThat(ran.err()).as("progress after " + seconds + " s").contains("walking " + P + "BIG");
        assertThat(jvm.isAlive()).isTrue();
    }

    @Test
    void boundedWalkOfBigKeepsCapacityAndNonEmptyBinsExact() {
        Cli.Ran ran = Cli.run("buckets", pid, P + "BIG", "--json", "--max-entries", "1000");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode got = ran.json();
        JsonNode big = truth.get("BIG");
        assertThat(got.get("sampled").asBoolean()).isTrue();
        assertThat(got.get("capacity").asLong()).isEqualTo(big.get("capacity").asLong());
        assertThat(got.get("nonEmptyBins").asLong()).isEqualTo(big.get("nonEmptyBins").asLong());
        assertThat(got.get("size").asLong()).isEqualTo(big.get("size").asLong());
        assertThat(got.get("entries").asLong()).isBetween(1000L, 1000L + big.at("/longestBin/length").asLong());
        assertThat(got.at("/integrity/complete").asBoolean()).isFalse();
        // a bounded walk is not a corrupt map: no size-mismatch from the entries it skipped
        assertThat(got.at("/integrity/ok").asBoolean()).as(got.get("integrity").toString()).isTrue();
    }

    @Test
    void idPrintedByAnEarlierMapsCallGivesTheSameLayoutAsThePath() {
        Cli.Ran maps = Cli.run("maps", pid, "--json", "--class", "FeeSchedule");
        assertThat(maps.exit()).as(maps.toString()).isZero();
        JsonNode listed = maps.json().get("top");
        assertThat(listed.size()).isEqualTo(1);
        long id = listed.get(0).get("id").asLong();
        assertThat(listed.get(0).get("path").asString()).isEqualTo(P + "FEE_SCHEDULE");

        Cli.Ran byId = Cli.run(args("buckets", pid, "@" + id, SHOW_LONGEST));
        assertThat(byId.exit()).as(byId.toString()).isZero();
        LayoutTruth.assertMatches(byId.json(), truth.get("FEE_SCHEDULE"));
        Cli.Ran byPath = buckets(P + "FEE_SCHEDULE");
        JsonNode a = byId.json();
        JsonNode b = byPath.json();
        assertThat(a.at("/map/id").asLong()).as("the id the user gave").isEqualTo(id);
        ((tools.jackson.databind.node.ObjectNode) a.get("map")).remove("id");
        ((tools.jackson.databind.node.ObjectNode) b.get("map")).remove("id");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void binsRangeListsExactlyThoseBinsAndTheyAddUpToTheHistogram() {
        JsonNode tree = truth.get("TREE_MAP");
        int capacity = tree.get("capacity").asInt();
        Cli.Ran part = Cli.run("buckets", pid, P + "TREE_MAP", "--json", "--bins", "40-44");
        assertThat(part.exit()).as(part.toString()).isZero();
        List<Integer> indices = new ArrayList<>();
        part.json().get("bins").forEach(b -> indices.add(b.get("index").asInt()));
        assertThat(indices).containsExactly(40, 41, 42, 43, 44);

        Cli.Ran all = Cli.run("buckets", pid, P + "TREE_MAP", "--json", "--bins", "0-" + (capacity - 1));
        assertThat(all.exit()).as(all.toString()).isZero();
        JsonNode bins = all.json().get("bins");
        assertThat(bins.size()).isEqualTo(capacity);
        Map<String, Long> histogram = new TreeMap<>();
        long entries = 0;
        for (int i = 0; i < capacity; i++) {
            JsonNode b = bins.get(i);
            assertThat(b.get("index").asInt()).isEqualTo(i);
            histogram.merge(Integer.toString(b.get("length").asInt()), 1L, Long::sum);
            entries += b.get("length").asLong();
        }
        assertThat(histogram).isEqualTo(new TreeMap<>(LayoutTruth.histogram(tree.get("histogram"))));
        assertThat(entries).isEqualTo(tree.get("entries").asLong());
        JsonNode longest = bins.get(tree.at("/longestBin/index").asInt());
        assertThat(longest.get("length").asInt()).isEqualTo(tree.at("/longestBin/length").asInt());
        assertThat(longest.get("kind").asString()).isEqualTo("tree");

        Cli.Ran bad = Cli.run("buckets", pid, P + "TREE_MAP", "--bins", "9-3");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("--bins");
    }

    @Test
    void textOutputHasTheBarChartAndTheKeyFacts() {
        JsonNode tree = truth.get("TREE_MAP");
        Cli.Ran ran = Cli.run("buckets", pid, P + "TREE_MAP");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        String text = ran.out();
        assertThat(text).contains(P + "TREE_MAP", "java.util.HashMap",
                "size " + tree.get("size").asInt(), "capacity " + tree.get("capacity").asInt(),
                "threshold " + tree.get("threshold").asInt(), "modCount " + tree.get("modCount").asInt(),
                "non-empty bins " + tree.get("nonEmptyBins").asInt(), "tree bins " + tree.get("treeBins").asInt(),
                "longest bin #" + tree.at("/longestBin/index").asInt() + ": " + tree.at("/longestBin/length").asInt()
                        + " entries (tree)",
                "integrity: ok");
        // one bar per histogram row: "<length> │███ <count>", the most frequent length gets the full bar
        for (Map.Entry<String, Long> row : LayoutTruth.histogram(tree.get("histogram")).entrySet()) {
            assertThat(text).containsPattern("(?m)^\\s+" + row.getKey() + " │█+ " + row.getValue() + "$");
        }
        assertThat(text).containsPattern("(?m)^\\s+0 │█{40} " + tree.at("/histogram/0").asLong() + "$");
    }

    private static Cli.Ran buckets(String path) {
        return Cli.run(args("buckets", pid, path, SHOW_LONGEST));
    }

    static String[] args(String a, String b, String c, String... more) {
        List<String> all = new ArrayList<>(List.of(a, b, c));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
