package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * --json is JSON lines: every line of every command, over JDWP and through the agent, is one object with a type.
 * Progress is plain lines when stderr is no terminal, and leaves nothing behind on a terminal.
 */
@ExtendWith(KillTargetsAfterAll.class)
class JsonLinesIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String RACY = RacesFixture.class.getName() + ".RACY";

    private static Fixtures.Started jdwp;
    private static Fixtures.Started plain;

    @BeforeAll
    static void start() {
        jdwp = Fixtures.start(RacesFixture.class);
        plain = Fixtures.startPlain(RacesFixture.class);
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jdwp == null ? null : jdwp.jvm());
        Fixtures.stop(plain == null ? null : plain.jvm());
    }

    /** Every line on out parses as one object with a non-empty type; returns the types in order. */
    private static List<String> types(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<String> types = new ArrayList<>();
        List<String> lines = ran.out().lines().toList();
        assertThat(lines).as(ran.toString()).isNotEmpty();
        for (String line : lines) {
            JsonNode node = Cli.JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.path("type").asString("")).as(line).isNotEmpty();
            types.add(node.get("type").asString());
        }
        return types;
    }

    private static List<List<String>> commands(String pid, boolean agent) {
        List<List<String>> all = new ArrayList<>(List.of(
                List.of("buckets", pid, RACY),
                List.of("maps", pid, "--top", "3"),
                List.of("threads", pid, "--top", "5"),
                List.of("threads", pid, "--blocked"),
                List.of("races", pid, "--map", RACY, "--duration", "1s"),
                List.of("trace", pid, "mapassign", "--map", RACY, "--count", "2")));
        List<List<String>> out = new ArrayList<>();
        for (List<String> c : all) {
            List<String> words = new ArrayList<>(c);
            words.add("--json");
            if (agent) {
                words.add("--agent");
            }
            out.add(words);
        }
        return out;
    }

    @Test
    void everyLineOfEveryJsonCommandHasATypeOverJdwp() {
        for (List<String> words : commands(jdwp.pid(), false)) {
            List<String> types = types(Cli.run(BOUND, Cli.stdin(""), words.toArray(String[]::new)));
            if (words.get(0).equals("trace")) {
                assertThat(types).as(words.toString()).contains("breakpoint");
                assertThat(types.stream().filter("hit"::equals).count()).as(words.toString()).isEqualTo(2);
            }
        }
    }

    @Test
    void everyLineOfEveryJsonCommandHasATypeThroughTheAgent() {
        for (List<String> words : commands(plain.pid(), true)) {
            List<String> types = types(Cli.run(BOUND, Cli.stdin(""), words.toArray(String[]::new)));
            if (words.get(0).equals("races")) {
                assertThat(types).as(words.toString()).endsWith("races");
            }
        }
    }

    /** mapdbg in a process of its own with stderr a pipe: progress lines carry no carriage return or escape code. */
    @Test
    void progressOnAPipeIsPlainLinesThatSayWhatTheyCount() throws Exception {
        try (TargetJvm target = TargetJvm.start(LayoutFixture.class)) {
            String big = Fixtures.startAndReadTruth(target).at("/BIG/path").asString();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", TargetJvm.classpathOf(Main.class, io.mapdbg.layouts.Heap.class, picocli.CommandLine.class, org.jline.reader.LineReader.class,
                            tools.jackson.databind.json.JsonMapper.class, tools.jackson.core.JsonParser.class,
                            com.fasterxml.jackson.annotation.JsonInclude.class),
                    Main.class.getName(), "buckets", Long.toString(target.pid()), big);
            Process mapdbg = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                StringBuilder err = new StringBuilder();
                Thread reader = drain(mapdbg.getErrorStream(), err);
                long deadline = System.nanoTime() + BOUND.toNanos();
                while (!text(err).contains(" bins (")) { // the first progress line, after a second of walking
                    assertThat(System.nanoTime()).as(text(err)).isLessThan(deadline);
                    assertThat(mapdbg.isAlive()).as(text(err)).isTrue();
                    Thread.sleep(20); // a bounded poll for output
                }
                mapdbg.toHandle().destroy();
                assertThat(mapdbg.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
                reader.join(BOUND.toMillis());
                assertThat(text(err)).containsPattern("walking [^:]+: [\\d,]+/[\\d,]+ bins \\(\\d+%\\), [\\d,]+ entries")
                        .doesNotContain("\r", "\u001b");
            } finally {
                mapdbg.destroyForcibly();
                mapdbg.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @TempDir
    Path home;

    /** On a terminal the progress line is cleared when the walk ends: "done in" is the whole line. */
    @Test
    void theReplLeavesNoProgressTextBehind() {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed");
        Fixtures.Started fixture = Fixtures.start(LayoutFixture.class);
        String big = fixture.truth().at("/BIG/path").asString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "jdk.jdi/com.sun.tools.jdi=ALL-UNNAMED",
                "-Duser.home=" + home,
                "-cp", TargetJvm.classpathOf(Main.class, io.mapdbg.layouts.Heap.class, picocli.CommandLine.class, org.jline.reader.LineReader.class,
                        tools.jackson.databind.json.JsonMapper.class, tools.jackson.core.JsonParser.class,
                        com.fasterxml.jackson.annotation.JsonInclude.class),
                Main.class.getName(), "attach", fixture.pid()));
        try (TmuxTerminal t = TmuxTerminal.start(command, BOUND)) {
            t.awaitText("attached to pid " + fixture.pid());
            t.awaitPromptLine(TmuxTerminal.PROMPT);
            t.type("buckets " + big + " --max-entries 30000");
            t.press("Enter");
            String screen = t.awaitText(": done in ");
            String done = screen.lines().filter(l -> l.contains(": done in ")).findFirst().orElseThrow();
            assertThat(done.stripTrailing()).as(screen).matches("walking .+: done in \\d+\\.\\ds");
        } finally {
            Fixtures.stop(fixture.jvm());
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
