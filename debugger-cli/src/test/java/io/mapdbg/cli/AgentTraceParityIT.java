package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.TraceParityFixture;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * trace mapassign through the agent, in a JVM without JDWP, with what the JDWP path offers: --thread, if conditions
 * (evaluated in the target over field reads: the fixture's keys count every toString, hashCode and equals, and the
 * counts stay those of the fixture's own puts), every map's writes without --map (a map no static field holds), the
 * caller's Class.method:line (the fixture reads the line of its put from its own stack), and, in a JVM with JDWP,
 * the same JSON for one hit through JDWP and through the agent (apart from source and the map's id, which each way
 * numbers on its own).
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentTraceParityIT {
    private static final String FIXTURE = TraceParityFixture.class.getName();
    private static final String HELD = FIXTURE + ".HELD";
    private static final String MIXED = FIXTURE + ".MIXED";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static TargetJvm jvm;
    private static AgentClient agent;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.startPlain(List.of(), TraceParityFixture.class);
        jvm.awaitLine("READY"::equals, Fixtures.START);
        agent = AgentLoader.connect(jvm.pid(), true).client();
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
    void threadFilterTakesOnlyThatThreadsWritesWithTheirCallerLine() throws Exception {
        Cli.Started cli = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", HELD,
                "--thread", "parity-b", "--count", "3", "--json", "--agent");
        awaitArmed(cli);
        Map<String, String> wrote = tell(jvm, "write 5", "WROTE ");
        List<JsonNode> hits = hits(cli.await(BOUND));
        assertThat(hits).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode h = hits.get(i);
            assertThat(h.path("thread").path("name").asString()).isEqualTo("parity-b");
            assertThat(h.path("key").asString()).contains("b" + i);
            assertThat(h.path("caller").asString()).isEqualTo(wrote.get("caller"));
            assertThat(h.path("op").asString()).isEqualTo("put");
            assertThat(h.path("source").asString()).isEqualTo("agent");
        }
    }

    @Test
    void conditionsOnTheKeyAndOnAValuesFieldRunNoApplicationCode() throws Exception {
        Map<String, String> before = tell(jvm, "counts", "COUNTS ");
        Cli.Started onKey = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", HELD,
                "--count", "1", "--json", "--agent", "if", "key.name == \"a3\"");
        awaitArmed(onKey);
        tell(jvm, "write 6", "WROTE ");
        List<JsonNode> keyHits = hits(onKey.await(BOUND));
        assertThat(keyHits).hasSize(1);
        assertThat(keyHits.get(0).path("key").asString()).contains("a3");
        assertThat(keyHits.get(0).path("thread").path("name").asString()).isEqualTo("parity-a");

        Cli.Started onValue = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", HELD,
                "--count", "4", "--json", "--agent", "if", "value.amount >= 30 && value.amount < 50");
        awaitArmed(onValue);
        tell(jvm, "write 6", "WROTE ");
        List<String> keys = new ArrayList<>();
        for (JsonNode h : hits(onValue.await(BOUND))) {
            keys.add(h.path("key").asString());
        }
        assertThat(keys).hasSize(4);
        assertThat(String.join(" ", keys)).contains("a3").contains("a4").contains("b3").contains("b4");

        Map<String, String> after = tell(jvm, "counts", "COUNTS ");
        assertThat(after.get("toString")).isEqualTo(before.get("toString")).isEqualTo("0");
        assertThat(after.get("equals")).isEqualTo("0");
        long puts = Long.parseLong(after.get("puts")) - Long.parseLong(before.get("puts"));
        long hashCodes = Long.parseLong(after.get("hashCode")) - Long.parseLong(before.get("hashCode"));
        assertThat(hashCodes).as("hashCode ran once per put of the fixture's own, never for the debugger")
                .isEqualTo(puts).isEqualTo(24);
    }

    @Test
    void hitcountCountsCandidatesAndAFailingConditionIsSaidOnceAndCountsAsNotMet() throws Exception {
        Cli.Started counted = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", HELD,
                "--thread", "parity-a", "--count", "2", "--json", "--agent", "if", "hitcount > 3");
        awaitArmed(counted);
        tell(jvm, "write 6", "WROTE ");
        List<JsonNode> hits = hits(counted.await(BOUND));
        assertThat(hits).extracting(h -> h.path("key").asString()).hasSize(2)
                .allMatch(k -> k.contains("a3") || k.contains("a4"));

        Cli.Started failing = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", HELD,
                "--count", "1", "--json", "--agent", "if", "key.name == \"b5\" || value.nosuch == 1");
        awaitArmed(failing);
        tell(jvm, "write 6", "WROTE ");
        Cli.Ran ran = failing.await(BOUND);
        assertThat(hits(ran)).extracting(h -> h.path("key").asString()).singleElement().asString().contains("b5");
        assertThat(ran.out().lines().filter(l -> l.contains("failed (no field nosuch")).count()).as(ran.out())
                .isEqualTo(1);
    }

    @Test
    void withoutMapEveryMapsWritesAreSeenEvenOfAMapNoStaticFieldHolds() throws Exception {
        Cli.Started cli = Cli.start(Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--count", "1",
                "--json", "--agent", "if", "key == \"l7\"");
        awaitArmed(cli);
        Map<String, String> local = tell(jvm, "local 10", "LOCAL ");
        Cli.Ran ran = cli.await(BOUND);
        List<JsonNode> hits = hits(ran);
        assertThat(hits).as(ran.toString()).hasSize(1);
        JsonNode h = hits.get(0);
        assertThat(h.path("key").asString()).isEqualTo("\"l7\"");
        assertThat(h.path("value").asString()).isEqualTo("7");
        assertThat(h.path("map").path("class").asString()).isEqualTo("java.util.HashMap");
        assertThat(h.path("map").path("path").isMissingNode() || h.path("map").path("path").isNull()).isTrue();
        assertThat(h.path("caller").asString()).isEqualTo(local.get("caller"));
        assertThat(h.path("thread").path("name").asString()).isEqualTo("parity-a");
        awaitHooksOut();
    }

    @Test
    void aConditionTheAgentCannotEvaluateIsRefusedBeforeArming() {
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", Long.toString(jvm.pid()), "mapassign", "--map", HELD,
                "--agent", "if", "len(key.name) > 1");
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(2);
        assertThat(ran.err().strip().lines().count()).as(ran.err()).isEqualTo(1);
        assertThat(ran.err()).contains("the agent cannot evaluate len(x)");
    }

    @Test
    void oneHitHasTheSameJsonThroughJdwpAndThroughTheAgent() throws Exception {
        TargetJvm withJdwp = TargetJvm.start(TraceParityFixture.class);
        try {
            withJdwp.awaitLine("READY"::equals, Fixtures.START);
            String pid = Long.toString(withJdwp.pid());
            tell(withJdwp, "write 1", "WROTE "); // a0 and b0 exist: the traced put below replaces the same way twice
            // named alike: a trace's default name is per way (b1 through JDWP, t1 through the agent)
            JsonNode viaJdwp = oneHit(withJdwp, pid, "--thread", "parity-b");
            JsonNode viaAgent = oneHit(withJdwp, pid, "--thread", "parity-b", "--agent");
            assertThat(viaJdwp.path("source").asString()).isEqualTo("jdwp");
            assertThat(viaAgent.path("source").asString()).isEqualTo("agent");
            assertThat(viaAgent.path("caller").asString()).isNotEmpty();
            for (JsonNode h : List.of(viaJdwp, viaAgent)) {
                ((ObjectNode) h).remove("source");
                ((ObjectNode) h.path("map")).remove("id");
            }
            assertThat(viaAgent).isEqualTo(viaJdwp);
        } finally {
            withJdwp.close();
        }
    }

    @Test
    void bothWaysTellPutsRemovesClearsAndComputesApartAndWritesOnlyLeavesComputesOut() throws Exception {
        TargetJvm withJdwp = TargetJvm.start(TraceParityFixture.class);
        try {
            withJdwp.awaitLine("READY"::equals, Fixtures.START);
            String pid = Long.toString(withJdwp.pid());
            List<String> all = List.of("put", "compute", "remove", "clear");
            List<String> writes = List.of("put", "remove", "clear");
            assertThat(ops(withJdwp, pid, 4)).as("through JDWP").isEqualTo(all);
            assertThat(ops(withJdwp, pid, 3, "--writes-only")).as("through JDWP, --writes-only").isEqualTo(writes);
            assertThat(ops(withJdwp, pid, 4, "--agent")).as("through the agent").isEqualTo(all);
            assertThat(ops(withJdwp, pid, 3, "--agent", "--writes-only")).as("through the agent, --writes-only")
                    .isEqualTo(writes);
        } finally {
            withJdwp.close();
        }
    }

    /** The ops of the first count hits of a trace of MIXED while the fixture writes it each way once. */
    private static List<String> ops(TargetJvm target, String pid, int count, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("trace", pid, "mapassign", "--map", MIXED, "--count",
                Integer.toString(count), "--json"));
        args.addAll(List.of(options));
        Cli.Started cli = Cli.start(Cli.stdin(""), args.toArray(new String[0]));
        awaitArmedOn(cli, target);
        tell(target, "mixed", "MIXED ");
        List<String> ops = new ArrayList<>();
        for (JsonNode h : hits(cli.await(BOUND))) {
            ops.add(h.path("op").asString());
        }
        return ops;
    }

    private static JsonNode oneHit(TargetJvm target, String pid, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("trace", pid, "same", "mapassign", "--map", HELD, "--count", "1",
                "--json"));
        args.addAll(List.of(options));
        Cli.Started cli = Cli.start(Cli.stdin(""), args.toArray(new String[0]));
        awaitArmedOn(cli, target);
        tell(target, "write 1", "WROTE ");
        Cli.Ran ran = cli.await(BOUND);
        List<JsonNode> hits = hits(ran);
        assertThat(hits).as(ran.toString()).hasSize(1);
        return hits.get(0);
    }

    private static List<JsonNode> hits(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isZero();
        List<JsonNode> hits = new ArrayList<>();
        for (String line : ran.out().split("\n")) {
            if (line.startsWith("{\"type\":\"hit\"")) {
                hits.add(Cli.JSON.readTree(line));
            }
        }
        return hits;
    }

    /** The trace's armed line printed (the one-shot prints what it armed, then waits for hits). */
    private static void awaitArmed(Cli.Started cli) {
        awaitArmedOn(cli, jvm);
    }

    private static void awaitArmedOn(Cli.Started cli, TargetJvm target) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!cli.outSoFar().contains("\"state\":\"armed\"")) {
            if (System.nanoTime() > deadline || !target.isAlive()) {
                throw new AssertionError("the trace was not armed within " + BOUND + ": " + cli.outSoFar());
            }
            Thread.onSpinWait();
        }
    }

    /** The hooks the every-map trace wove are taken out when it is done. */
    private static void awaitHooksOut() throws IOException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            DataInputStream in = agent.call("hooks.stats", Map.of());
            if (!in.readBoolean() || in.readInt() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hooks are still in after " + BOUND);
            }
            Thread.onSpinWait();
        }
    }

    /** Sends a command to target and returns the fields of the next line starting with prefix. */
    private static Map<String, String> tell(TargetJvm target, String command, String prefix) throws IOException {
        int seen = (int) target.output().stream().filter(l -> l.startsWith(prefix)).count();
        OutputStream in = target.process().getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = target.output().stream().filter(l -> l.startsWith(prefix)).toList();
            if (lines.size() > seen) {
                Map<String, String> fields = new HashMap<>();
                for (String kv : lines.get(seen).substring(prefix.length()).split(" ")) {
                    fields.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                return fields;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the fixture did not answer '" + command + "' within " + BOUND + ": " + target.output());
    }
}
