package io.mapdbg.cli;

import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Starting a fixture and reading the truth it computed about its own maps. */
final class Fixtures {
    static final Duration START = Duration.ofSeconds(60);

    private Fixtures() {
    }

    /** Starts a fixture, waits for its TRUTH and READY lines, and returns the truth's "maps" object. */
    static JsonNode startAndReadTruth(TargetJvm jvm) {
        String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), START);
        jvm.awaitLine("READY"::equals, START);
        JsonNode doc = Cli.JSON.readTree(line.substring("TRUTH ".length()));
        if (doc.get("pid").asLong() != jvm.pid()) {
            throw new AssertionError("truth of pid " + doc.get("pid") + " from target " + jvm.pid());
        }
        return doc.get("maps");
    }
}
