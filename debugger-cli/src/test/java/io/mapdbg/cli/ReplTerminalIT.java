package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.examples.fixtures.ThreadsFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL at a real terminal (a tmux pane): Tab completion against a live target, the history file, Ctrl-C
 * stopping a walk or a continue and not the session (nor a launched target), Ctrl-D and exit detaching, and
 * target output, hits and exit printed above the line being typed. mapdbg runs as its own process, as a user
 * starts it.
 */
@ExtendWith(KillTargetsAfterAll.class)
class ReplTerminalIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String LAYOUT = LayoutFixture.class.getName();

    @TempDir
    Path home;

    @BeforeAll
    static void needsTmux() {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed: the terminal tests need a pty");
    }

    /** java [opts] -Duser.home=home -cp <mapdbg> io.mapdbg.cli.Main args... */
    private List<String> mapdbg(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "jdk.jdi/com.sun.tools.jdi=ALL-UNNAMED",
                "-Duser.home=" + home,
                "-cp", TargetJvm.classpathOf(Main.class, io.mapdbg.layouts.Heap.class, picocli.CommandLine.class, org.jline.reader.LineReader.class,
                        tools.jackson.databind.json.JsonMapper.class, tools.jackson.core.JsonParser.class,
                        com.fasterxml.jackson.annotation.JsonInclude.class),
                Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Types a partial line, presses Tab, and waits until the line reads expected. Tab waits at most a bound on the
     * target; when the line is still as typed after a while (a first read of a slow target), Tab is pressed again.
     */
    private static void complete(TmuxTerminal t, String typed, String expected) {
        String want = (TmuxTerminal.PROMPT + " " + expected).stripTrailing(); // the screen has no trailing blanks
        String unchanged = (TmuxTerminal.PROMPT + " " + typed).stripTrailing();
        long deadline = System.nanoTime() + BOUND.toNanos();
        t.press("C-u");
        t.awaitPromptLine(TmuxTerminal.PROMPT);
        t.type(typed);
        t.awaitPromptLine(unchanged);
        while (true) {
            t.press("Tab");
            try {
                t.await(s -> TmuxTerminal.promptLine(s).equals(want), "the line '" + want + "'", Duration.ofSeconds(3));
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline || !t.promptLine().equals(unchanged)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void completionHistoryAndCtrlCAtARealTerminal() throws IOException {
        Fixtures.Started fixture = Fixtures.start(LayoutFixture.class);
        String bigPath = fixture.truth().at("/BIG/path").asString();
        try (TmuxTerminal t = TmuxTerminal.start(mapdbg("attach", fixture.pid()), BOUND)) {
            t.awaitText("attached to pid " + fixture.pid());
            t.awaitPromptLine(TmuxTerminal.PROMPT);

            // a command name; then only the options of the command being typed
            complete(t, "hel", "help");
            complete(t, "buckets --ch", "buckets --chain");
            String options = t.await(s -> s.contains("--chain-entries"), "buckets' options");
            assertThat(TmuxTerminal.promptLine(options)).isEqualTo(TmuxTerminal.PROMPT + " buckets --chain");
            assertThat(t.belowPrompt()).contains("--chains", "--chain-entries").doesNotContain("--frames", "--top");

            // maps hands out $N; Tab offers them, their @id and the static paths maps printed
            t.press("C-u");
            t.type("maps --top 3");
            t.press("Enter");
            String census = t.awaitText("largest by size");
            Matcher first = Pattern.compile("\\$1\\s+@(\\d+)\\s").matcher(census);
            assertThat(first.find()).as(census).isTrue();
            t.await(s -> TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT), "the prompt after maps");
            t.type("buckets ");
            t.press("Tab");
            t.await(s -> t.belowPrompt().contains(bigPath), "map references below the prompt");
            assertThat(t.belowPrompt()).contains("$1", "$2", "$3", "@" + first.group(1), bigPath);

            // a thread by name; a class, then its method; a breakpoint by name
            complete(t, "thread fixture-res", "thread fixture-reserver");
            // LayoutFixture. and LayoutFixture$FeeSchedule. share the prefix: Tab inserts it and lists both
            complete(t, "break w " + LAYOUT.substring(0, LAYOUT.lastIndexOf('.') + 4), "break w " + LAYOUT);
            complete(t, "break w " + LAYOUT + ".mai", "break w " + LAYOUT + ".main");
            t.press("Enter");
            t.awaitText("armed in 1 place");
            complete(t, "clear ", "clear w");

            // Ctrl-C stops a long walk, not the session
            t.press("C-u");
            t.type("buckets $1");
            t.press("Enter");
            t.awaitText("walking $1:"); // the progress line: the walk has run for a second and goes on
            t.press("C-c");
            String stopped = t.awaitText("interrupted (Ctrl-C)");
            assertThat(stopped).contains("walking $1: interrupted (Ctrl-C) at ").contains("the target runs on");
            t.await(s -> TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT)
                    && s.lastIndexOf(TmuxTerminal.PROMPT) > s.indexOf("interrupted (Ctrl-C)"), "the prompt after Ctrl-C");
            t.type("clearall");
            t.press("Enter");
            t.awaitText("cleared w");

            // Ctrl-D detaches and ends mapdbg
            t.await(s -> TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT)
                    && s.lastIndexOf(TmuxTerminal.PROMPT) > s.indexOf("cleared w"), "the prompt after clearall");
            t.press("C-d");
            String end = t.awaitText("MAPDBG-EXIT=");
            assertThat(end).contains("detached from pid " + fixture.pid());
            assertThat(fixture.jvm().isAlive()).isTrue();
        } finally {
            Fixtures.stop(fixture.jvm());
        }
        // the history holds the lines entered, one a line, in order (the cleared partial lines are not there)
        List<String> history = Files.readAllLines(home.resolve(".mapdbg_history"));
        assertThat(history).containsSubsequence("maps --top 3", "break w " + LAYOUT + ".main", "buckets $1", "clearall");
        assertThat(history).doesNotContain("hel", "buckets --ch", "thread fixture-res");
    }

    @Test
    void targetOutputAndExitArePrintedAboveTheLineBeingTyped() {
        Optional<ProcessHandle> launched = Optional.empty();
        try (TmuxTerminal t = TmuxTerminal.start(mapdbg("launch", "--", "-cp", TargetJvm.classpathOf(ThreadsFixture.class),
                ThreadsFixture.class.getName()), BOUND)) {
            String attached = t.awaitText("attached to");
            Matcher pid = Pattern.compile("launched pid (\\d+)").matcher(attached);
            assertThat(pid.find()).as(attached).isTrue();
            launched = ProcessHandle.of(Long.parseLong(pid.group(1)));
            t.awaitText("[target] beat");

            // the heartbeat prints every 20 ms while we type: each line lands above, the typed text stays whole
            t.type("threads --na");
            long beatBefore = lastBeat(t.screen());
            t.await(s -> lastBeat(s) > beatBefore + 5 && TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT + " threads --na"),
                    "more beats above an intact line");
            t.press("Tab");
            t.awaitPromptLine(TmuxTerminal.PROMPT + " threads --name");
            complete(t, "threads --name fixture-hea", "threads --name fixture-heartbeat");
            t.press("Enter");
            t.await(s -> s.lines().anyMatch(l -> l.contains("fixture-heartbeat") && !l.startsWith(TmuxTerminal.PROMPT)),
                    "the threads listing");

            // a trace's hits (printed by the event loop, asynchronously) land above the prompt, not in the line
            t.await(s -> TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT), "the prompt");
            t.type("trace hb " + ThreadsFixture.class.getName() + ".beat --count 3");
            t.press("Enter");
            t.type("maps --to");
            t.await(s -> s.contains("hb: 3 hits, done") && TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT + " maps --to"),
                    "the trace's hits above the line being typed");

            // Ctrl-C stops a continue that waits for a stop, and neither the session nor the launched JVM
            t.press("C-u");
            t.type("break idle " + ThreadsFixture.class.getName() + ".main"); // main never returns: no hit
            t.press("Enter");
            t.awaitText("armed in 1 place");
            t.type("continue");
            t.press("Enter");
            t.await(s -> TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT + " continue"), "continue waiting");
            t.press("C-c");
            t.awaitText("stopped waiting (interrupted); breakpoints stay armed");
            long beatAtStop = lastBeat(t.screen());
            t.await(s -> lastBeat(s) > beatAtStop + 5, "the launched JVM beating on after Ctrl-C");
            assertThat(launched.get().isAlive()).isTrue();
            t.type("clearall");
            t.press("Enter");
            t.await(s -> s.lines().anyMatch(l -> l.startsWith("cleared ") && l.contains("idle")), "idle cleared");

            // the target ends while a line is half typed: the notice comes above it, the line is kept
            t.await(s -> TmuxTerminal.promptLine(s).equals(TmuxTerminal.PROMPT)
                    && s.lastIndexOf(TmuxTerminal.PROMPT) > s.lastIndexOf("idle"), "the prompt after clearall");
            t.type("maps --to");
            t.awaitPromptLine(TmuxTerminal.PROMPT + " maps --to");
            launched.get().destroy();
            String gone = t.awaitText("the target (pid " + pid.group(1) + ") exited");
            assertThat(gone.lastIndexOf(TmuxTerminal.PROMPT)).isGreaterThan(gone.indexOf("exited; detach or Ctrl-D"));
            t.awaitPromptLine(TmuxTerminal.PROMPT + " maps --to");
            t.press("C-u");
            t.type("exit");
            t.press("Enter");
            t.awaitText("MAPDBG-EXIT=");
        } finally {
            launched.ifPresent(ProcessHandle::destroyForcibly); // the JVM mapdbg launched for this test, by its pid
        }
    }

    /** The highest N of the target's "beat N" lines on the screen. */
    private static long lastBeat(String screen) {
        return screen.lines().filter(l -> l.startsWith("[target] beat "))
                .mapToLong(l -> Long.parseLong(l.substring("[target] beat ".length()).trim())).max().orElse(0);
    }

}
