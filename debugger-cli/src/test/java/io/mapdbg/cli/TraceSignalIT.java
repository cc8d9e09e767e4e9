package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mapdbg.examples.fixtures.OriginFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.LineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM to a running {@code mapdbg trace} (a process of its own, as a user runs it): the run ends, the script
 * stops, the target is resumed and detached and runs on, and a new debugger can attach to it.
 */
@ExtendWith(KillTargetsAfterAll.class)
class TraceSignalIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern ROUND = Pattern.compile("round (\\d+)");

    @Test
    void sigtermEndsTheTraceCleanlyAndTheTargetRunsOnAttachable() throws Exception {
        try (TargetJvm target = TargetJvm.start(OriginFixture.class)) {
            target.awaitLine("READY"::equals, Fixtures.START);
            String pid = Long.toString(target.pid());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", TargetJvm.classpathOf(Main.class, io.mapdbg.layouts.Heap.class, CommandLine.class, JsonMapper.class, JsonParser.class,
                            JsonInclude.class, LineReader.class),
                    Main.class.getName(), "trace", pid, ScriptGoldenIT.script("bounds")));
            Process mapdbg = new ProcessBuilder(command).start();
            try {
                Lines out = new Lines(mapdbg.getInputStream());
                Lines err = new Lines(mapdbg.getErrorStream());
                out.await(s -> s.contains("[e #3]"), BOUND, err); // armed, and hits flow: a run is in progress
                mapdbg.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)
                assertThat(mapdbg.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("mapdbg ended").isTrue();
                err.await(s -> s.contains("detached from"), BOUND, out, "exit " + mapdbg.exitValue());
                assertThat(err.text()).contains("stopped early: interrupted", "detached from pid " + pid);
                assertThat(out.text()).containsPattern("run: \\d+ hits in \\d+\\.\\d s \\(interrupted\\)");
            } finally {
                mapdbg.destroyForcibly();
                mapdbg.waitFor(10, TimeUnit.SECONDS);
            }
            // the early writer was traced with stops on each write: it runs on, nothing left stopped or armed
            long seen = round(target.awaitLine(l -> ROUND.matcher(l).matches(), BOUND));
            target.awaitLine(l -> ROUND.matcher(l).matches() && round(l) > seen + 1, BOUND);
            Cli.Ran again = Cli.run("trace", pid, ScriptGoldenIT.script("bounds"), "--max-events", "2", "--json");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out().lines().filter(l -> l.contains("\"type\":\"hit\""))).hasSize(2);
        }
    }

    @Test
    void aTargetThatDiesMidRunEndsTheScriptWithExit1() {
        TargetJvm target = TargetJvm.start(OriginFixture.class);
        try {
            target.awaitLine("READY"::equals, Fixtures.START);
            TraceRun run = TraceRun.start("trace", Long.toString(target.pid()), ScriptGoldenIT.script("bounds"), "--json");
            run.awaitOut(s -> s.contains("\"type\":\"hit\""), BOUND, "a hit");
            target.close(); // killed while the run is in progress
            Cli.Ran ran = run.await(BOUND);
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            List<String> lines = ran.out().lines().toList();
            assertThat(Cli.JSON.readTree(lines.get(lines.size() - 1)).get("stoppedBy").asString()).isEqualTo("target-exited");
            assertThat(ran.out()).contains("\"outcome\":\"target-exited\"");
        } finally {
            target.close();
        }
    }

    private static long round(String line) {
        Matcher m = ROUND.matcher(line);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A stream read on its own thread, waited on with a bound. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        Lines(InputStream in) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (this) {
                            text.append(line).append('\n');
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "mapdbg-stream");
            t.setDaemon(true);
            t.start();
        }

        synchronized String text() {
            return text.toString();
        }

        void await(java.util.function.Predicate<String> p, Duration bound, Lines other) throws InterruptedException {
            await(p, bound, other, "");
        }

        synchronized void await(java.util.function.Predicate<String> p, Duration bound, Lines other, String note) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (!p.test(text.toString())) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError(note + " not seen within " + bound + "; this stream:\n" + text + "\nthe other:\n" + other.text());
                }
                wait(left);
            }
        }
    }
}
