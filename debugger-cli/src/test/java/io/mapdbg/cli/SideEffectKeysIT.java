package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.SideEffectKeysFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The agent runs no application code and leaves nothing behind (issue 16, points 6, 9 and the last item of 20):
 * keys whose toString/hashCode/equals count their calls, and keys whose toString never returns, written by threads
 * without a lock while agent traces and races watch them. The fixture computes the truth itself (a put calls
 * hashCode once, toString and equals never). Values preview the same way in buckets over JDWP, buckets through the
 * agent and an agent trace's hits. The target's temp folder is one of this test's: after a kill -9 no
 * mapdbg-hooks jar is left there.
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SideEffectKeysIT {
    private static final String F = SideEffectKeysFixture.class.getName();
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern COUNTS = Pattern.compile(
            "COUNTS toString=(\\d+) hashCode=(\\d+) puts=(\\d+) inFlight=(-?\\d+) equals=(\\d+) looping=(\\d+)");

    private static Path tmp;
    private static TargetJvm jvm;
    private static String pid;

    @BeforeAll
    static void start() throws IOException {
        tmp = Files.createTempDirectory("mapdbg-side-");
        jvm = TargetJvm.start(List.of("-Djava.io.tmpdir=" + tmp), SideEffectKeysFixture.class);
        jvm.awaitLine("READY"::equals, Fixtures.START);
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() throws IOException {
        Fixtures.stop(jvm);
        try (var walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void aValuePreviewsTheSameInBucketsOverJdwpBucketsThroughTheAgentAndAnAgentTrace() {
        Cli.Ran jdwp = Cli.run("buckets", pid, F + ".COUNTED", "--json");
        Cli.Ran agent = Cli.run("buckets", pid, F + ".COUNTED", "--json", "--agent");
        Cli.Ran trace = Cli.run(BOUND, Cli.stdin(""), "trace", pid, "mapassign", "--map", F + ".COUNTED", "--count",
                "16", "--json", "--agent");
        assertThat(jdwp.exit()).as(jdwp.toString()).isZero();
        assertThat(agent.exit()).as(agent.toString()).isZero();
        assertThat(trace.exit()).as(trace.toString()).isZero();
        assertThat(jdwp.json().get("source").asString()).isEqualTo("jdwp");
        assertThat(agent.json().get("source").asString()).isEqualTo("agent");

        List<String[]> viaJdwp = bucketEntries(jdwp.json());
        List<String[]> viaAgent = bucketEntries(agent.json());
        List<String[]> viaTrace = new ArrayList<>();
        for (String line : trace.out().split("\n")) {
            if (line.startsWith("{\"type\":\"hit\"")) {
                JsonNode hit = Cli.JSON.readTree(line);
                viaTrace.add(new String[] {hit.get("key").asString(), hit.get("value").asString()});
            }
        }
        assertThat(viaTrace).hasSize(16);
        // the same key objects: the same text, exactly; the values are new latches at every put, so the same form
        Set<String> keysJdwp = column(viaJdwp, 0);
        assertThat(keysJdwp).contains("SideEffectKeysFixture$CountingKey{id=0, name=\"k0\"}");
        assertThat(column(viaAgent, 0)).isEqualTo(keysJdwp);
        assertThat(column(viaTrace, 0)).isNotEmpty().allMatch(k -> k.matches(
                "SideEffectKeysFixture\\$CountingKey\\{id=(\\d), name=\"k\\1\"}")).containsAnyElementsOf(keysJdwp);
        Set<String> forms = Set.of("CountDownLatch{sync=CountDownLatch$Sync@#}");
        assertThat(idsMasked(column(viaJdwp, 1))).isEqualTo(forms);
        assertThat(idsMasked(column(viaAgent, 1))).isEqualTo(forms);
        assertThat(idsMasked(column(viaTrace, 1))).isEqualTo(forms);
    }

    @Test
    @Order(2)
    void agentTracesAndRacesRunNoKeyCodeAndNeverStopAWriter() throws Exception {
        Cli.Ran counted = Cli.run(BOUND, Cli.stdin(""), "trace", pid, "mapassign", "--map", F + ".COUNTED", "--count",
                "50", "--agent");
        assertThat(counted.exit()).as(counted.toString()).isZero();
        assertThat(counted.out()).contains("key SideEffectKeysFixture$CountingKey{id=");
        // a toString of these keys never returns: a trace that called it would freeze both writers at their first hit
        Cli.Ran looping = Cli.run(BOUND, Cli.stdin(""), "trace", pid, "mapassign", "--map", F + ".LOOPING", "--count",
                "50", "--agent");
        assertThat(looping.exit()).as(looping.toString()).isZero();
        assertThat(looping.out()).contains("key SideEffectKeysFixture$LoopingKey{id=");
        Cli.Ran races = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--map", F + ".LOOPING", "--map", F + ".COUNTED",
                "--agent", "--duration", "3s");
        assertThat(races.exit()).as(races.toString()).isZero();
        if (races.out().contains("RACE")) { // the keys written at an overlap: previewed, not toString'd
            assertThat(races.out()).contains("LoopingKey{id=").doesNotContain("CountingKey#");
        }
        Cli.Ran all = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--all", "--agent", "--duration", "3s");
        assertThat(all.exit()).as(all.toString()).isZero();

        Matcher first = counts();
        assertThat(Long.parseLong(first.group(1))).as("toString calls: %s", first.group()).isZero();
        assertThat(Long.parseLong(first.group(5))).as("equals calls: %s", first.group()).isZero();
        assertThat(Long.parseLong(first.group(4))).as("hashCode calls beyond the puts' own: %s", first.group())
                .isBetween(0L, 2L);
        long loopingPuts = Long.parseLong(first.group(6));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Matcher later = counts();
        while (Long.parseLong(later.group(6)) <= loopingPuts && System.nanoTime() < deadline) {
            Thread.sleep(100); // a bounded poll for the writers' next burst
            later = counts();
        }
        assertThat(Long.parseLong(later.group(6))).as("the looping-key writers still write").isGreaterThan(loopingPuts);
        assertThat(Long.parseLong(later.group(3))).as("the counted-key writers still write")
                .isGreaterThan(Long.parseLong(first.group(3)));
        assertThat(Long.parseLong(later.group(1))).isZero();

        // the agent wrote nothing into the application's output; the JVM's own warnings (JDK 21+ names the agent jar
        // when an agent is loaded into a running JVM; the CDS note) are not the agent's and are in the README
        assertThat(jvm.output()).noneMatch(l -> l.toLowerCase().contains("mapdbg") && !l.startsWith("WARNING: ")
                && !l.startsWith("OpenJDK 64-Bit Server VM warning: "));
    }

    @Test
    @Order(3)
    void aKilledTargetLeavesNoHooksJarBehind() throws Exception {
        Path fd = Path.of("/proc", pid, "fd");
        boolean jarOpen = false;
        try (var links = Files.list(fd)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.contains("mapdbg-hooks-")) {
                        jarOpen = true;
                        assertThat(target).as("the JVM's copy of the hooks jar is already deleted").endsWith("(deleted)");
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        assertThat(jarOpen).as("the hooks (loaded by the earlier tests) keep their jar open").isTrue();
        jvm.process().destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("mapdbg-hooks-"));
        }
    }

    private static Matcher counts() throws IOException {
        OutputStream in = jvm.process().getOutputStream();
        in.write("counts\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line = jvm.awaitLine(l -> l.startsWith("COUNTS "), BOUND);
        Matcher m = COUNTS.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return m;
    }

    private static List<String[]> bucketEntries(JsonNode layout) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode chain : layout.get("longestChains")) {
            for (JsonNode e : chain.get("entries")) {
                out.add(new String[] {e.get("key").asString(), e.get("value").asString()});
            }
        }
        assertThat(out).as(layout.toString()).isNotEmpty();
        return out;
    }

    private static Set<String> column(List<String[]> rows, int i) {
        Set<String> out = new TreeSet<>();
        rows.forEach(r -> out.add(r[i]));
        return out;
    }

    private static Set<String> idsMasked(Set<String> previews) {
        Set<String> out = new TreeSet<>();
        previews.forEach(p -> out.add(p.replaceAll("@\\d+", "@#")));
        return out;
    }
}
