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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Two sessions at once: each client's hooks, events and counts are its own. Two mapdbg processes trace two maps of
 * HookedWritesFixture through the agent while this test's own connection watches a third client's way (races on
 * OTHER, with its write counts); each trace gets exactly the keys the fixture wrote into its map; one trace ending
 * normally (its --count reached) leaves the other tracing; the other killed with -9 leaves the races watch and its
 * counts intact; with everyone gone, HashMap has its original bytes back.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentSessionsIT {
    private static final String FIXTURE = HookedWritesFixture.class.getName();
    private static final String WATCHED = FIXTURE + ".WATCHED";
    private static final String OTHER = FIXTURE + ".OTHER";
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void eachSessionGetsItsOwnHitsAndCountsAndOutlivesTheOthers() throws Exception {
        TargetJvm jvm = TargetJvm.startPlain(List.of(), HookedWritesFixture.class);
        AgentClient probe = null;
        Process a = null;
        Process b = null;
        try {
            jvm.awaitLine("READY"::equals, Fixtures.START);
            String pid = Long.toString(jvm.pid());
            probe = AgentLoader.connect(jvm.pid(), true).client();
            AgentClient agent = probe;
            AgentProbe.digest(agent);
            String original = AgentProbe.digest(agent);

            List<String> outA = new ArrayList<>();
            List<String> outB = new ArrayList<>();
            a = MapdbgProcess.start(outA, "trace", pid, "mapassign", "--map", WATCHED, "--agent", "--json", "--count", "100");
            b = MapdbgProcess.start(outB, "trace", pid, "mapassign", "--map", OTHER, "--agent", "--json");
            await(() -> AgentProbe.stats(agent).watched() == 2, "both traces armed");
            // a third client: races on OTHER (the map b traces), with its own write counts
            agent.call("hooks.watch", Map.of("path", OTHER, "mode", "races"));

            write(jvm, 100, 0);
            await(() -> hits(outB).size() >= 100, "b's first 100 hits");
            assertThat(a.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("a ends at its --count").isTrue();
            assertThat(a.exitValue()).as(String.join("\n", outA)).isZero();
            assertThat(hits(outA)).as("a's hits: exactly the keys written into WATCHED").isEqualTo(keys("w", 0, 100));

            write(jvm, 100, 100); // a ended normally: b still traces
            await(() -> hits(outB).size() >= 200, "b's hits after a ended");
            assertThat(AgentProbe.stats(agent).hooked()).as("HashMap still hooked for b and the races watch").isPositive();

            b.toHandle().destroyForcibly(); // kill -9
            assertThat(b.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(hits(outB)).as("b's hits: exactly the keys written into OTHER").isEqualTo(keys("o", 0, 200));
            await(() -> AgentProbe.stats(agent).watched() == 1, "only the races watch left after b was killed");

            write(jvm, 100, 200);
            assertThat(writes(agent)).as("the races watch counted every write into OTHER since it began").isEqualTo(300);
            assertThat(AgentProbe.stats(agent).hooked()).isPositive();

            agent.call("hooks.clear", Map.of());
            await(() -> AgentProbe.stats(agent).hooked() == 0, "nothing hooked with every client done");
            assertThat(AgentProbe.digest(agent)).isEqualTo(original);
        } finally {
            for (Process p : new Process[] {a, b}) {
                if (p != null) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (probe != null) {
                probe.close();
            }
            jvm.close();
        }
    }

    /** The keys of the hits in a trace's JSON output, in order. */
    private static List<String> hits(List<String> out) {
        List<String> keys = new ArrayList<>();
        synchronized (out) {
            for (String line : out) {
                if (line.startsWith("{\"type\":\"hit\"")) {
                    JsonNode hit = Cli.JSON.readTree(line);
                    keys.add(hit.path("key").asString());
                }
            }
        }
        return keys;
    }

    private static List<String> keys(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "\"" + prefix + i + "\"").toList();
    }

    /** The writes the probe's races watch of OTHER counted (hooks.counts of its own session). */
    private static long writes(AgentClient agent) throws IOException {
        DataInputStream in = agent.call("hooks.counts", Map.of());
        int n = in.readInt();
        assertThat(n).as("one races watch").isEqualTo(1);
        in.readLong();
        return in.readLong();
    }

    /** Asks the fixture for n writes of each map (keys from..from+n) and waits for its WROTE line. */
    private static void write(TargetJvm jvm, int n, int from) throws IOException {
        OutputStream in = jvm.process().getOutputStream();
        in.write(("write " + n + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String wrote = jvm.awaitLine(l -> l.startsWith("WROTE "), BOUND);
        assertThat(wrote).contains("watched=" + (from + n + 1)).contains("lookups=" + n);
    }

    /**
     * Two sessions under races --all share one sampler: it runs at the highest duty either asked for, and goes back
     * to the other's when that session ends (a session's watch is never sampled less than it asked).
     */
    @Test
    void racesAllRunsAtTheHighestDutyOfItsSessions() throws Exception {
        TargetJvm jvm = TargetJvm.startPlain(List.of(), HookedWritesFixture.class);
        try {
            jvm.awaitLine("READY"::equals, Fixtures.START);
            try (AgentClient low = AgentLoader.connect(jvm.pid(), true).client()) {
                low.call("hooks.races", Map.of("all", "true", "duty", "10"));
                assertThat(AgentProbe.stats(low).duty()).isEqualTo(10);
                try (AgentClient high = AgentLoader.running(jvm.pid()).orElseThrow()) {
                    high.call("hooks.races", Map.of("all", "true", "duty", "50"));
                    assertThat(AgentProbe.stats(low).duty()).as("the higher of 10 and 50").isEqualTo(50);
                }
                await(() -> AgentProbe.stats(low).duty() == 10, "back to 10% once the 50% session ended");
                assertThat(AgentProbe.stats(low).racesAll()).isTrue();
                low.call("hooks.races", Map.of("all", "false"));
                assertThat(AgentProbe.stats(low).racesAll()).isFalse();
            }
        } finally {
            Fixtures.stop(jvm);
        }
    }

    private static void await(BooleanSupplier p, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!p.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
