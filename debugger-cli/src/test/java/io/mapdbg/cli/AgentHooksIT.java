package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.HookedWritesFixture;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The agent's write hooks in a JVM without JDWP (the agent loaded through the Attach API): a one-shot
 * {@code trace mapassign --map} served by the agent sees exactly the writes to that map, the classes get their
 * original bytes back when the trace ends and when the CLI goes away, and a hook that throws leaves the
 * application's writes intact. Truth is what the fixture wrote and read back itself.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentHooksIT {
    private static final String FIXTURE = HookedWritesFixture.class.getName();
    private static final String WATCHED = FIXTURE + ".WATCHED";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static TargetJvm jvm;
    private static AgentClient agent;
    private static String original;
    private static int written;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.startPlain(List.of(), HookedWritesFixture.class);
        jvm.awaitLine("READY"::equals, Fixtures.START);
        agent = AgentLoader.connect(jvm.pid(), true).client();
        // the JVM reconstitutes a class's bytes differently before its first retransformation than after it (seen
        // here: the first digest differs, every later one agrees); so the original is the digest once settled
        digest();
        original = digest();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void aOneShotTraceSeesExactlyTheWatchedMapsWritesAndLeavesNoHook() throws Exception {
        int count = 40;
        Cli.Started cli = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", WATCHED,
                "--count", Integer.toString(count), "--json", "--agent");
        awaitStats(s -> s.watched() == 1, "the trace armed in the agent");
        assertThat(digest()).as("HashMap carries the hooks while traced").isNotEqualTo(original);
        int from = written;
        Map<String, String> wrote = write(100);
        assertThat(wrote).containsEntry("lookups", "100");
        Cli.Ran ran = cli.await(BOUND);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = new ArrayList<>();
        for (String line : ran.out().split("\n")) {
            if (line.startsWith("{\"type\":\"hit\"")) {
                hits.add(Cli.JSON.readTree(line));
            }
        }
        assertThat(hits).hasSize(count);
        for (int i = 0; i < count; i++) {
            JsonNode h = hits.get(i);
            assertThat(h.path("location").asString()).isEqualTo("java.util.HashMap.putVal");
            assertThat(h.path("key").asString()).isEqualTo("\"w" + (from + i) + "\"");
            assertThat(h.path("value").asString()).isEqualTo(Integer.toString(from + i));
            assertThat(h.path("thread").path("name").asString()).isEqualTo("fixture-writer");
            assertThat(h.path("map").path("path").asString()).isEqualTo(WATCHED);
            assertThat(h.path("hit").asLong()).isEqualTo(i + 1);
            assertThat(h.path("stopped").asBoolean()).isFalse();
        }
        awaitStats(s -> s.hooked() == 0, "the hooks taken out after the trace");
        assertThat(digest()).as("HashMap's original bytes are back").isEqualTo(original);
    }

    @Test
    void theHooksLeaveWithTheClientThatArmedThem() throws Exception {
        // a REPL that ends (end of input = exit) while its trace is armed
        Cli.Started cli = Cli.start(Cli.stdin("trace mapassign --map " + WATCHED + "\n"), "attach",
                Long.toString(jvm.pid()), "--agent");
        Cli.Ran ran = cli.await(BOUND);
        assertThat(ran.out() + ran.err()).contains("via agent");
        awaitStats(s -> s.hooked() == 0 && s.watched() == 0, "the hooks taken out after exit");
        assertThat(digest()).isEqualTo(original);
    }

    @Test
    void aHookThatThrowsDoesNotDisturbTheApplication() throws Exception {
        long faultsBefore = stats().faults();
        agent.call("hooks.watch", Map.of("path", WATCHED, "mode", "trace,races"));
        agent.call("hooks.fault", Map.of("on", "true"));
        Map<String, String> wrote;
        try {
            wrote = write(500);
        } finally {
            agent.call("hooks.fault", Map.of("on", "false"));
            agent.call("hooks.clear", Map.of());
        }
        assertThat(wrote).containsEntry("lookups", "500");
        assertThat(Integer.parseInt(wrote.get("watched"))).isEqualTo(written + 1); // + init
        assertThat(stats().faults() - faultsBefore).isGreaterThanOrEqualTo(500);
        assertThat(stats().hooked()).isZero();
        assertThat(digest()).isEqualTo(original);
    }

    /** Asks the fixture for n writes of each map; returns its WROTE line's fields. */
    private static synchronized Map<String, String> write(int n) throws IOException {
        int seen = (int) jvm.output().stream().filter(l -> l.startsWith("WROTE ")).count();
        OutputStream in = jvm.process().getOutputStream();
        in.write(("write " + n + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> wrote = jvm.output().stream().filter(l -> l.startsWith("WROTE ")).toList();
            if (wrote.size() > seen) {
                written += n;
                Map<String, String> fields = new HashMap<>();
                for (String kv : wrote.get(seen).substring(6).split(" ")) {
                    fields.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                return fields;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the fixture did not write within " + BOUND + ": " + jvm.output());
    }

    record Stats(int hooked, int watched, long faults) {
    }

    private static Stats stats() throws IOException {
        DataInputStream in = agent.call("hooks.stats", Map.of());
        if (!in.readBoolean()) {
            return new Stats(0, 0, 0);
        }
        int hooked = in.readInt();
        for (int i = 0; i < hooked; i++) {
            in.readUTF();
        }
        int watched = in.readInt();
        in.readBoolean();
        in.readLong();
        in.readLong();
        in.readLong();
        in.readLong();
        long faults = in.readLong();
        return new Stats(hooked, watched, faults);
    }

    private static void awaitStats(Predicate<Stats> p, String what) throws IOException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        Stats s = stats();
        while (!p.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + BOUND + ": " + what + " (last " + s + ")");
            }
            Thread.onSpinWait();
            s = stats();
        }
    }

    private static String digest() {
        try {
            return agent.call("hooks.digest", Map.of("class", "java.util.HashMap")).readUTF();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
