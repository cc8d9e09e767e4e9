package io.mapdbg.cli;

import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Starting a fixture and reading the truth it computed about its own maps. */
final class Fixtures {
    static final Duration START = Duration.ofSeconds(60);

    private Fixtures() {
    }

    /** A started fixture: its JVM, the truth's "maps" object, and its pid as mapdbg takes it. */
    record Started(TargetJvm jvm, JsonNode truth, String pid) {
    }

    /** Starts the fixture class and reads its truth; the JVM is killed if that fails. */
    static Started start(Class<?> fixture) {
        return readOrKill(TargetJvm.start(fixture));
    }

    /** The same in a JVM without JDWP (what the agent's paths are tested against). */
    static Started startPlain(Class<?> fixture) {
        return readOrKill(TargetJvm.startPlain(List.of(), fixture));
    }

    private static Started readOrKill(TargetJvm jvm) {
        try {
            return new Started(jvm, startAndReadTruth(jvm), Long.toString(jvm.pid()));
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
    }

    static void stop(TargetJvm jvm) {
        if (jvm != null) {
            jvm.close();
        }
    }

    /** Waits for a started fixture's TRUTH and READY lines, and returns the truth's "maps" object. */
    static JsonNode startAndReadTruth(TargetJvm jvm) {
        String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), START);
        jvm.awaitLine("READY"::equals, START);
        JsonNode doc = Cli.JSON.readTree(line.substring("TRUTH ".length()));
        if (doc.get("pid").asLong() != jvm.pid()) {
            throw new AssertionError("truth of pid " + doc.get("pid") + " from target " + jvm.pid());
        }
        return doc.get("maps");
    }

    /** A JSON array of strings as a list. */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
