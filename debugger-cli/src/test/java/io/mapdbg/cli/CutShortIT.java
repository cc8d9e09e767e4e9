package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * A command cut short is no success: a target killed under a one-shot trace or races (JDWP and agent) makes mapdbg
 * exit 1 and say so; SIGTERM to mapdbg under buckets says it was interrupted, not that the target exited.
 */
@ExtendWith(KillTargetsAfterAll.class)
class CutShortIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String RACY = RacesFixture.class.getName() + ".RACY";

    private static Fixtures.Started racesFixture(boolean jdwp) {
        return jdwp ? Fixtures.start(RacesFixture.class) : Fixtures.startPlain(RacesFixture.class);
    }

    /** Starts mapdbg, waits for started, kills the target, and returns what mapdbg left. */
    private static Cli.Ran killedUnder(Fixtures.Started fixture, java.util.function.Consumer<Cli.Started> started,
                                       String... args) {
        try {
            Cli.Started run = Cli.start(Cli.stdin(""), args);
            started.accept(run);
            fixture.jvm().close();
            return run.await(BOUND);
        } finally {
            Fixtures.stop(fixture.jvm());
        }
    }

    private static String lastErrLine(Cli.Ran ran) {
        return ran.err().strip().lines().reduce((a, b) -> b).orElse("");
    }

    private static void traceKilled(boolean jdwp) {
        Fixtures.Started fixture = racesFixture(jdwp);
        Cli.Ran ran = killedUnder(fixture, run -> run.awaitOut(o -> o.contains("\"type\":\"hit\""), BOUND),
                jdwp ? new String[] {"trace", fixture.pid(), "mapassign", "--map", RACY, "--json"}
                        : new String[] {"trace", fixture.pid(), "mapassign", "--map", RACY, "--json", "--agent"});
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(lastErrLine(ran)).as(ran.toString()).startsWith("mapdbg: trace: ").contains("target VM exited");
        assertThat(ran.out()).contains("\"outcome\":\"target-exited\"");
    }

    @Test
    void aTraceWhoseTargetDiesExits1OverJdwp() {
        traceKilled(true);
    }

    @Test
    void aTraceWhoseTargetDiesExits1ThroughTheAgent() {
        traceKilled(false);
    }

    private static void racesKilled(boolean jdwp) {
        Fixtures.Started fixture = racesFixture(jdwp);
        String label = jdwp ? "watching for races: " : "watching for races through the agent: ";
        Cli.Ran ran = killedUnder(fixture, run -> run.awaitErr(e -> e.contains(label), BOUND),
                jdwp ? new String[] {"races", fixture.pid(), "--map", RACY, "--duration", "60s", "--json"}
                        : new String[] {"races", fixture.pid(), "--map", RACY, "--duration", "60s", "--json", "--agent"});
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(lastErrLine(ran)).as(ran.toString()).startsWith("mapdbg: races: ")
                .contains(jdwp ? "the target VM exited" : "the agent stopped answering", "into the 60 s watch", "cut short");
        assertThat(ran.json().get("durationMillis").asLong()).isLessThan(60_000);
    }

    @Test
    void racesCutShortByTheTargetSaysSoOverJdwp() {
        racesKilled(true);
    }

    @Test
    void racesCutShortByTheTargetSaysSoThroughTheAgent() {
        racesKilled(false);
    }

    @Test
    void sigtermUnderBucketsSaysInterruptedNotExited() throws Exception {
        try (TargetJvm target = TargetJvm.start(LayoutFixture.class)) {
            Fixtures.startAndReadTruth(target);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", TargetJvm.classpathOf(Main.class, io.mapdbg.layouts.Heap.class, CommandLine.class, JsonMapper.class, JsonParser.class,
                            JsonInclude.class, LineReader.class),
                    Main.class.getName(), "buckets", Long.toString(target.pid()), LayoutFixture.class.getName() + ".BIG");
            Process mapdbg = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                StringBuilder err = new StringBuilder();
                Thread reader = drain(mapdbg.getErrorStream(), err);
                long deadline = System.nanoTime() + BOUND.toNanos();
                while (!text(err).contains("walking ")) { // progress shows once the walk is a second old
                    assertThat(System.nanoTime()).as("progress within " + BOUND + ": " + text(err)).isLessThan(deadline);
                    assertThat(mapdbg.isAlive()).as(text(err)).isTrue();
                    Thread.sleep(20); // a bounded poll for output
                }
                mapdbg.toHandle().destroy(); // SIGTERM
                assertThat(mapdbg.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("mapdbg ended").isTrue();
                reader.join(BOUND.toMillis());
                assertThat(text(err)).contains("buckets: interrupted").doesNotContain("target VM exited");
                assertThat(target.isAlive()).isTrue();
            } finally {
                mapdbg.destroyForcibly();
                mapdbg.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String text(StringBuilder b) {
        synchronized (b) {
            return b.toString();
        }
    }

    private static Thread drain(InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (into) {
                        into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "mapdbg-err");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
