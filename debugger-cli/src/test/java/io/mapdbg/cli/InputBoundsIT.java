package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input sizes and depths are bounded in the CLI and in the agent: a path of thousands of names, an expression of
 * thousands of nested parentheses, a script line of megabytes: one line, exit 2, quickly; the session goes on.
 */
@ExtendWith(KillTargetsAfterAll.class)
class InputBoundsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CLS = RacesFixture.class.getName();

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

    private static String longPath(int names) {
        return CLS + ".RACY" + ".x".repeat(names);
    }

    private static String oneLineUsageError(Cli.Ran ran) {
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(2);
        assertThat(ran.err().strip()).as(ran.toString()).doesNotContain("\n").startsWith("mapdbg: ");
        assertThat(ran.out()).as(ran.toString()).isEmpty();
        return ran.err().strip();
    }

    @Test
    void aPathOfThousandsOfNamesIsRefusedOnEveryPath() {
        String path = longPath(5_000);
        long start = System.nanoTime();
        String overJdwp = oneLineUsageError(Cli.run("buckets", jdwp.pid(), path));
        String viaAgent = oneLineUsageError(Cli.run("buckets", plain.pid(), path, "--agent"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(overJdwp).contains("longer than 1000 characters").hasSizeLessThan(400);
        assertThat(viaAgent).isEqualTo(overJdwp);
        assertThat(oneLineUsageError(Cli.run("buckets", jdwp.pid(), CLS + ".R" + ".x".repeat(70))))
                .contains("more than 64 names");
    }

    /** The agent bounds its own input: a client that skips the CLI's check gets one line at once. */
    @Test
    void theAgentRefusesALongPathItselfAtOnce() throws Exception {
        try (AgentClient agent = AgentLoader.connect(plain.jvm().pid(), true).client()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> agent.call("buckets", Map.of("path", longPath(5_000))))
                    .isInstanceOf(TargetException.class).hasMessageContaining("longer than 1000 characters");
            assertThatThrownBy(() -> agent.call("buckets", Map.of("path", CLS + ".R" + ".x".repeat(70))))
                    .isInstanceOf(TargetException.class).hasMessageContaining("more than 64 names");
            // the longest path it takes, with no class named by any prefix: one pass over the loaded classes
            String sixtyThree = "no.such" + ".x".repeat(61) + ".F";
            assertThatThrownBy(() -> agent.call("buckets", Map.of("path", sixtyThree)))
                    .isInstanceOf(TargetException.class).hasMessageContaining("no loaded class");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // and it still answers
            assertThat(agent.call("buckets", Map.of("path", CLS + ".RACY"))).isNotNull();
        }
    }

    @Test
    void anExpressionNestedThousandsDeepIsOneLineAndTheSessionGoesOn() {
        String deep = "(".repeat(5_000) + "1" + ")".repeat(5_000);
        String oneShot = oneLineUsageError(Cli.run("break", jdwp.pid(), CLS + ".main", "if", deep));
        assertThat(oneShot).contains("break: condition").contains("at most 2,000");
        String nested = "(".repeat(200) + "1" + ")".repeat(200); // 401 characters, 200 levels
        assertThat(oneLineUsageError(Cli.run("break", jdwp.pid(), CLS + ".main", "if", nested)))
                .contains("nested deeper than 64 levels");
        try (PipedRepl repl = PipedRepl.attach(jdwp.pid(), BOUND)) {
            repl.send("print " + nested);
            repl.awaitErr(l -> l.contains("nested deeper than 64 levels"), "the depth error");
            repl.send("print " + "(".repeat(60) + "1 + 1" + ")".repeat(60));
            repl.awaitOutContaining("2");
            repl.send("maps " + "x".repeat(20_000));
            repl.awaitErr(l -> l.contains("a line of 20,005 characters: at most 10,000"), "the line bound");
            repl.send("print 3 * 7");
            repl.awaitOutContaining("21");
        }
    }
}
