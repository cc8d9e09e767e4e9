package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.command.LineCompleter;
import io.mapdbg.command.ProgressSink;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.examples.fixtures.ThreadsFixture;
import io.mapdbg.frontend.Output;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Completion against a live target (ThreadsFixture), in-process: thread ids and names, map references after
 * maps, breakpoint names, classes and methods, checked against what the target and its classes say.
 */
@ExtendWith(KillTargetsAfterAll.class)
class CompletionIT {
    private static final String SETTLEMENT = ThreadsFixture.Settlement.class.getName();

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static Session session;
    private static CommandContext context;
    private static Dispatcher dispatcher;
    private static Output output;
    private static ByteArrayOutputStream out;
    private static LineCompleter completer;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(ThreadsFixture.class);
        String line = jvm.awaitLine(l -> l.startsWith("TRUTH "), Fixtures.START);
        truth = Cli.JSON.readTree(line.substring("TRUTH ".length()));
        jvm.awaitLine("READY"::equals, Fixtures.START);
        session = Session.attach(new Target.Pid(jvm.pid()));
        ValueHistory history = new ValueHistory();
        context = new CommandContext(session, history, ProgressSink.NONE, true);
        dispatcher = new Dispatcher(CommandRegistry.standard());
        out = new ByteArrayOutputStream();
        output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), history);
        completer = new LineCompleter(dispatcher.registry());
    }

    @AfterAll
    static void stop() {
        try {
            if (completer != null) {
                completer.close();
            }
            if (session != null) {
                session.close();
            }
        } finally {
            Fixtures.stop(jvm);
        }
    }

    private static List<String> values(String... words) {
        return completer.complete(context, Arrays.asList(words)).stream().map(LineCompleter.Suggestion::value).toList();
    }

    /**
     * The first answer that is not empty: Tab waits at most CompleterCache.BOUND on the target and offers nothing
     * while a first read is slower than that (a loaded machine); pressing Tab again gets the cached answer.
     */
    private static List<String> eventually(String... words) {
        long deadline = System.nanoTime() + Fixtures.START.toNanos();
        List<String> found = values(words);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = values(words); // each call waits up to the bound for the read in flight: no sleep needed
        }
        return found;
    }

    private static String run(String line) {
        out.reset();
        Output.Ran ran = output.execute(dispatcher, List.of(line.split(" ")), context);
        assertThat(ran.status()).as(line + "\n" + out).isEqualTo(Output.Status.OK);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void threadIdsAndNamesAreTheTargetsThreads() {
        JsonNode settler = truth.at("/threads/fixture-settler");
        String id = Long.toString(settler.get("id").asLong());
        eventually("thread", id);
        List<LineCompleter.Suggestion> byId = completer.complete(context, List.of("thread", id));
        assertThat(byId).extracting(LineCompleter.Suggestion::value).contains(id);
        assertThat(byId).filteredOn(s -> s.value().equals(id)).first()
                .extracting(LineCompleter.Suggestion::description).isEqualTo("fixture-settler");
        assertThat(values("thread", "fixture-se")).containsExactly("fixture-settler");
        // every fixture thread the truth names is offered, by id and by name
        List<String> all = values("thread", "");
        truth.get("threads").properties().forEach(e -> {
            assertThat(all).contains(e.getKey(), Long.toString(e.getValue().get("id").asLong()));
        });
        assertThat(values("threads", "--name", "fixture-heart")).containsExactly("fixture-heartbeat");
        assertThat(values("stack", "--thread", "fixture-sl")).containsExactly("fixture-sleeper");
        // break --thread takes a name (or a JDI id): names only
        assertThat(values("break", "mapassign", "--thread", "fixture-lock")).containsExactly("fixture-lock-holder");
        assertThat(values("break", "mapassign", "--thread", id)).isEmpty();
    }

    @Test
    void mapReferencesAreWhatMapsShowed() {
        String text = run("maps --top 3");
        JsonNode census = Cli.JSON.readTree(run("maps --top 3 --json"));
        List<String> expected = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (JsonNode m : census.get("top")) {
            ids.add("@" + m.get("id").asLong());
            if (m.hasNonNull("path")) {
                paths.add(m.get("path").asString());
            }
        }
        for (int n = 1; n <= ids.size(); n++) {
            assertThat(text).contains("$" + n);
            expected.add("$" + n);
        }
        expected.addAll(ids);
        assertThat(values("buckets", "")).containsAll(expected).containsAll(paths);
        assertThat(values("break", "mapassign", "--map", "$")).containsExactlyElementsOf(expected.subList(0, ids.size()));
        assertThat(values("buckets", "@")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void breakpointNamesCompleteForClearCondAndOn() {
        run("break settlebp " + SETTLEMENT + ".settle");
        try {
            List<LineCompleter.Suggestion> names = completer.complete(context, List.of("clear", "settl"));
            assertThat(names).extracting(LineCompleter.Suggestion::value).containsExactly("settlebp");
            assertThat(names.get(0).description()).contains(SETTLEMENT + ".settle");
            assertThat(values("cond", "")).contains("settlebp");
            assertThat(values("on", "settlebp", "sta")).containsExactly("stack");
        } finally {
            run("clearall");
        }
        assertThat(values("clear", "")).isEmpty();
    }

    @Test
    void locationsAreLoadedClassesThenTheirMethods() {
        String pkg = ThreadsFixture.class.getPackageName() + ".";
        assertThat(eventually("break", pkg + "Threads")).contains(ThreadsFixture.class.getName() + ".", SETTLEMENT + ".");
        // the methods of the class, as its class file declares them
        TreeSet<String> declared = new TreeSet<>();
        for (Method m : ThreadsFixture.Settlement.class.getDeclaredMethods()) {
            if (!m.isSynthetic()) {
                declared.add(SETTLEMENT + "." + m.getName());
            }
        }
        assertThat(declared).contains(SETTLEMENT + ".settle");
        eventually("break", SETTLEMENT + ".s");
        List<String> methods = values("break", SETTLEMENT + ".");
        assertThat(methods.stream().filter(v -> v.startsWith(SETTLEMENT + ".")).toList())
                .containsExactlyInAnyOrderElementsOf(declared);
        // JDK map classes by their simple name, as Locations reads them
        assertThat(eventually("trace", "HashMap.res")).containsExactly("HashMap.resize");
        assertThat(eventually("trace", "g", "ConcurrentHashMap.tra")).contains("ConcurrentHashMap.transfer");
        assertThat(values("break", "map")).containsExactly("mapassign", "mapgrow");
        assertThat(eventually("break", "java.util.concurrent.ConcurrentHashMap.putV")).containsExactly(
                "java.util.concurrent.ConcurrentHashMap.putVal");
        // and what completes is a location break accepts
        run("trace probe " + SETTLEMENT + ".settle --count 1");
        run("clearall");
        assertThat(Map.of("alive", jvm.isAlive())).containsEntry("alive", true);
    }
}
