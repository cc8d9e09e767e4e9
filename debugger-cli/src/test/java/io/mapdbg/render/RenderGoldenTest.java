package io.mapdbg.render;

import io.mapdbg.model.Result;
import io.mapdbg.testing.GoldenFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of buckets, maps, threads, threads --blocked and races from fixed records (no target VM), against
 * src/test/resources/golden/*.txt: each file holds the text view, then the --json line of the same record.
 * After an intended change of a view, rewrite them with
 * {@code mvn test -pl debugger-cli -am -Dtest=RenderGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmapdbg.writeGolden=true} and review the git diff.
 */
class RenderGoldenTest {
    private static final String REWRITE = "mvn test -pl debugger-cli -am -Dtest=RenderGoldenTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dmapdbg.writeGolden=true";

    /** The text as a one-shot command prints it (no $N handles), and its --json line. */
    private static void golden(String name, Result result) {
        golden(name, result, new TextRenderer(null));
    }

    private static void golden(String name, Result result, TextRenderer text) {
        GoldenFile.check(name, text.render(result) + "\n\n--- --json\n" + Json.render(result), REWRITE);
    }

    @Test
    void bucketsOfAHashMapWithATreeBinAndALongChain() {
        golden("buckets-hashmap-tree-bin.txt", GoldenRecords.hashMapWithTreeBin());
    }

    @Test
    void bucketsOfAConcurrentHashMapMidResize() {
        golden("buckets-chm-resizing.txt", GoldenRecords.concurrentHashMapResizing());
    }

    @Test
    void bucketsOfABrokenMapInsideASynchronizedMap() {
        golden("buckets-integrity.txt", GoldenRecords.corruptHashMap());
    }

    @Test
    void mapsOverJdwp() {
        golden("maps.txt", GoldenRecords.census());
    }

    @Test
    void mapsThroughTheAgentInTheReplWithHandles() {
        List<Long> shown = new ArrayList<>(List.of(1203L)); // $1 was shown before: it keeps its number
        Handles handles = id -> {
            int known = shown.indexOf(id);
            if (known < 0) {
                shown.add(id);
                return shown.size();
            }
            return known + 1;
        };
        golden("maps-agent-repl.txt", GoldenRecords.censusThroughTheAgent(), new TextRenderer(handles));
    }

    @Test
    void threads() {
        golden("threads.txt", GoldenRecords.threads());
    }

    @Test
    void threadsBlockedWithADeadlockAndAMapAsTheMonitor() {
        golden("threads-blocked.txt", GoldenReports.blocked());
    }

    @Test
    void threadsBlockedCutByTop() {
        golden("threads-blocked-top.txt", GoldenReports.blocked().top(2));
    }

    @Test
    void racesOfBothKinds() {
        golden("races.txt", GoldenReports.races());
    }

    @Test
    void racesWithNoneSeen() {
        golden("races-none.txt", GoldenReports.noRace());
    }
}
