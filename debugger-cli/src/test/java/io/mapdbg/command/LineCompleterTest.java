package io.mapdbg.command;

import io.mapdbg.backend.ValueHistory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.inspect.WalkProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion read from the registry, without a target: names, each command's own options, fixed values, $N/@id/paths. */
class LineCompleterTest {
    private final CommandRegistry registry = CommandRegistry.standard();
    private final LineCompleter completer = new LineCompleter(registry);
    private final ValueHistory history = new ValueHistory();
    private final CommandContext context = new CommandContext(null, history, ProgressSink.NONE, true);

    @AfterEach
    void close() {
        completer.close();
    }

    private List<String> values(String... words) {
        return completer.complete(context, Arrays.asList(words)).stream().map(LineCompleter.Suggestion::value).toList();
    }

    @Test
    void anEmptyLineOffersEveryCommandAndAlias() {
        List<String> all = values("");
        for (CommandInfo c : registry.commands()) {
            assertThat(all).contains(c.name());
            assertThat(all).containsAll(c.aliases());
        }
        assertThat(all).contains("exit", "quit", "detach", "help");
        assertThat(values("bu")).containsExactly("buckets");
        assertThat(values("cl")).containsExactlyInAnyOrder("clear", "clearall");
    }

    @Test
    void commandNamesCarryTheirSummary() {
        LineCompleter.Suggestion buckets = completer.complete(context, List.of("buck")).get(0);
        assertThat(buckets.description()).isEqualTo(registry.find("buckets").orElseThrow().summary());
        assertThat(buckets.complete()).isTrue();
    }

    @Test
    void optionsAreTheCommandsOwn() {
        assertThat(values("buckets", "--")).containsExactlyInAnyOrder("--bins", "--max-entries", "--chains",
                "--chain-entries", "--preview", "--live", "--agent", "--json", "--help");
        assertThat(values("stack", "--")).containsExactlyInAnyOrder("--full", "--thread", "--json", "--help");
        assertThat(values("threads", "--b")).containsExactly("--blocked");
        // an alias completes like its command
        assertThat(values("bt", "--t")).containsExactly("--thread");
        // after an option with a value, the next option is still offered
        assertThat(values("maps", "--top", "3", "--so")).containsExactly("--sort");
    }

    @Test
    void optionValuesComeFromTheAnnotation() {
        assertThat(values("threads", "--state", "")).containsExactly("RUNNABLE", "BLOCKED", "WAITING",
                "TIMED_WAITING", "NEW", "TERMINATED", "all");
        assertThat(values("threads", "-s", "T")).containsExactly("TIMED_WAITING", "TERMINATED");
        assertThat(values("maps", "--sort", "c")).containsExactly("capacity", "collisions");
        assertThat(values("invoke", "")).containsExactly("on", "off");
    }

    @Test
    void aCommandWithNothingToCompleteOffersItsOptions() {
        assertThat(values("maps", "")).contains("--class", "--top", "--min-size", "--sort", "--json");
        assertThat(values("frame", "")).containsExactlyInAnyOrder("--json", "-h", "--help"); // N: nothing to offer
    }

    @Test
    void helpCompletesCommandNamesAndOnCompletesAWholeCommandLine() {
        assertThat(values("help", "bre")).containsExactlyInAnyOrder("break", "breakpoints");
        assertThat(values("help", "break", "")).allMatch(v -> v.startsWith("-")); // one command: then only options
        assertThat(values("on", "w", "bu")).containsExactly("buckets");
        assertThat(values("on", "w", "buckets", "--max")).containsExactly("--max-entries");
        assertThat(values("on", "w", "threads", "--state", "B")).containsExactly("BLOCKED");
    }

    @Test
    void mapReferencesAreHandlesIdsAndPathsSeenByMaps() {
        history.handleFor(101);
        history.handleFor(202);
        context.notePaths(List.of("com.acme.Orders.BY_ID"));
        assertThat(values("buckets", "")).containsExactly("$1", "$2", "@101", "@202", "com.acme.Orders.BY_ID");
        assertThat(values("buckets", "$")).containsExactly("$1", "$2");
        assertThat(values("b", "com.")).containsExactly("com.acme.Orders.BY_ID");
        assertThat(values("break", "mapassign", "--map", "@2")).containsExactly("@202");
        List<LineCompleter.Suggestion> handles = completer.complete(context, List.of("buckets", "$2"));
        assertThat(handles.get(0).description()).isEqualTo("@202");
    }

    @Test
    void locationsAreMapMethodsThenIfThenNothingInTheCondition() {
        assertThat(values("break", "map")).containsExactly("mapassign", "mapgrow");
        assertThat(values("trace", "g", "mapg")).containsExactly("mapgrow");
        assertThat(values("break", "w", "mapassign", "")).containsExactly("if");
        assertThat(values("break", "w", "mapassign", "--map", "x", "i")).containsExactly("if");
        assertThat(values("break", "w", "mapassign", "if", "key", "")).isEmpty();
        assertThat(values("break", "--c")).containsExactly("--count");
    }

    @Test
    void withoutATargetThreadsAndBreakpointsOfferNothing() {
        assertThat(values("thread", "")).isEmpty();
        assertThat(values("thread", "fix")).isEmpty();
        assertThat(values("clear", "")).isEmpty();
        assertThat(values("clear", "b")).isEmpty();
        assertThat(values("break", "mapassign", "--thread", "")).isEmpty();
    }

    @Test
    void unknownCommandsAndExtraWordsOfferNothing() {
        assertThat(values("frobnicate", "")).isEmpty();
        assertThat(values("clear", "b1", "x")).isEmpty();
    }

    @Test
    void filesCompleteOneDirectoryAtATime(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("scripts/examples"));
        Files.writeString(dir.resolve("scripts/hot-writers.mdbg"), "maps\n");
        Files.writeString(dir.resolve("scripts/.hidden"), "");
        String base = dir + "/";
        assertThat(LineCompleter.files(base + "scr")).extracting(LineCompleter.Suggestion::value)
                .containsExactly(base + "scripts/");
        List<LineCompleter.Suggestion> inside = LineCompleter.files(base + "scripts/");
        assertThat(inside).extracting(LineCompleter.Suggestion::value)
                .containsExactly(base + "scripts/examples/", base + "scripts/hot-writers.mdbg");
        assertThat(inside).extracting(LineCompleter.Suggestion::complete).containsExactly(false, true);
        assertThat(LineCompleter.files(base + "scripts/.")).extracting(LineCompleter.Suggestion::value)
                .containsExactly(base + "scripts/.hidden");
        assertThat(LineCompleter.files(base + "nowhere/x")).isEmpty();
    }

    @Test
    void classesCompleteOnePackageSegmentAtATime() {
        List<String> loaded = List.of("com.acme.Orders", "com.acme.Orders$Ledger", "com.acme.pay.Service",
                "java.util.HashMap");
        List<LineCompleter.Suggestion> top = LineCompleter.classSegments(loaded, "");
        assertThat(top).extracting(LineCompleter.Suggestion::value).containsExactly("com.", "java.");
        assertThat(top).allMatch(s -> !s.complete()); // no blank after a package: the next segment follows
        assertThat(LineCompleter.classSegments(loaded, "com.acme.")).extracting(LineCompleter.Suggestion::value)
                .containsExactly("com.acme.Orders.", "com.acme.Orders$Ledger.", "com.acme.pay.");
        assertThat(LineCompleter.classSegments(loaded, "com.acme.Orders$"))
                .extracting(LineCompleter.Suggestion::value).containsExactly("com.acme.Orders$Ledger.");
    }

    @Test
    void everyRegistryCommandCompletesWithoutFailing() {
        for (CommandInfo c : registry.commands()) {
            List<String> line = new ArrayList<>(List.of(c.name()));
            for (int i = 0; i < 4; i++) {
                line.add("");
                assertThat(completer.complete(context, line)).as(String.join(" ", line)).isNotNull();
                line.set(line.size() - 1, "x");
            }
        }
    }

    @Test
    void aStopRequestEndsAWalkAtItsNextProgressReport() {
        WalkProgress progress = context.progress("walking $1");
        progress.update(16_384, 262_144, 100); // not stopped: nothing happens
        context.requestStop();
        assertThatThrownBy(() -> progress.update(32_768, 262_144, 200))
                .isInstanceOf(CommandException.class)
                .hasMessage("walking $1: interrupted (Ctrl-C) at 32,768/262,144, 200 entries read; the target runs on");
        context.clearStop();
        progress.update(49_152, 262_144, 300);
    }
}
