package io.mapdbg.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.MapRef;
import io.mapdbg.model.Problem;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of races against a golden file (golden/races.out), and its JSON field names. */
class RaceReportTextTest {
    static RaceReport report() {
        MapRef racy = new MapRef(3, "java.util.HashMap", "com.acme.Audit.LOG");
        Map<String, List<String>> stacks = new LinkedHashMap<>();
        stacks.put("audit-1", List.of("java.util.HashMap.putVal(HashMap.java:626)", "java.util.HashMap.put(HashMap.java:610)"));
        stacks.put("audit-2", List.of("java.util.HashMap.put(HashMap.java:610)"));
        Race.Damage damage = new Race.Damage(true, false, 264L, 266L,
                List.of(new Problem("size-mismatch", -1, "size field says 264 but the table holds 266 entries")), null);
        Race race = new Race(racy, List.of("audit-1", "audit-2"), 1234, stacks, java.util.Arrays.asList("\"k1\"", null),
                List.of(new Race.RaceWrite("audit-1", "put", "\"k1\""), new Race.RaceWrite("audit-2", "clear", null)), 126,
                damage);
        return new RaceReport(List.of(race),
                List.of(new RaceReport.WatchedMap(racy, 5000, 2),
                        new RaceReport.WatchedMap(new MapRef(4, "java.util.LinkedHashMap", null), 77, 1)),
                List.of(new RaceReport.SkippedMap(new MapRef(5, "java.util.concurrent.ConcurrentHashMap", "com.acme.C.M"),
                        "thread-safe map (ConcurrentHashMap): not watched")),
                6012, "jdwp", List.of("a note"));
    }

    @Test
    void textMatchesTheGoldenFile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/races.out")) {
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            assertThat(new TextRenderer(null).render(report())).isEqualTo(golden);
        }
    }

    @Test
    void jsonHasTheFieldsTheIssueNames() {
        String json = Json.render(report());
        assertThat(json).startsWith("{\"type\":\"races\",\"races\":[{\"map\":{\"id\":3,\"class\":\"java.util.HashMap\",\"path\":\"com.acme.Audit.LOG\"},"
                + "\"kind\":\"overlap\",\"threads\":[\"audit-1\",\"audit-2\"],\"overlaps\":1234,\"unorderedWrites\":0,"
                + "\"stacks\":{\"audit-1\":[");
        assertThat(json).contains("\"keys\":[\"\\\"k1\\\"\",null]", "\"damage\":{\"checked\":true,\"ok\":false,\"size\":264,\"walked\":266,");
    }

    @Test
    void noRaceSeenSaysWhatWasCheckedAndHowItWasSampled() {
        RaceReport none = new RaceReport(List.of(), List.of(), List.of(), 10_000, "agent", List.of(),
                new RaceReport.Coverage(12_345, 37, "10% duty"));
        assertThat(new TextRenderer(null).render(none))
                .startsWith("races over agent: no race seen in 12,345 writes of 37 maps watched for 10.0 s (sampled: 10% duty)");
        RaceReport uncounted = new RaceReport(List.of(), List.of(), List.of(), 2_000, "agent", List.of(),
                new RaceReport.Coverage(-1, 3, "10% duty"));
        assertThat(new TextRenderer(null).render(uncounted))
                .startsWith("races over agent: no race seen (writes not counted) in 3 maps watched for 2.0 s");
    }

    @Test
    void unorderedWritesAreShownAsSuchWithAStackThatCouldNotBeHadSaidPlainly() {
        MapRef map = new MapRef(7, "java.util.HashMap", "com.acme.Cache.M");
        Map<String, List<String>> stacks = new LinkedHashMap<>();
        stacks.put("w-1", List.of());
        stacks.put("w-2", List.of("java.util.HashMap.put(HashMap.java:610)"));
        Race race = new Race(map, "unordered-writes", List.of("w-1", "w-2"), 0, 3, stacks, List.of("1", "2"),
                List.of(new Race.RaceWrite("w-1", "put", "1"), new Race.RaceWrite("w-2", "put", "2")), 40,
                "w-1's stack inside the map could not be had", null);
        String text = new TextRenderer(null).render(new RaceReport(List.of(race), List.of(), List.of(), 1000, "agent",
                List.of()));
        assertThat(text).contains("RACE @7 HashMap com.acme.Cache.M: unordered writes, 3 changes of writer with no lock held"
                        + " in common (no overlap needed)")
                .contains("  w-2 at its write:\n    #0 java.util.HashMap.put(HashMap.java:610)")
                .contains("  w-1's stack inside the map could not be had")
                .doesNotContain("w-1 at its write");
        assertThat(Json.render(new RaceReport(List.of(race), List.of(), List.of(), 1000, "agent", List.of())))
                .contains("\"kind\":\"unordered-writes\"", "\"unorderedWrites\":3");
    }
}
