package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** What a user sees when something is wrong: one line on err, a non-zero exit, no hang, no harm to the target. */
@ExtendWith(KillTargetsAfterAll.class)
class CliErrorsIT {
    private static final String P = LayoutFixture.class.getName() + ".";
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static TargetJvm jvm;
    private static JsonNode truth;
    private static String pid;

    @BeforeAll
    static void start() {
        Fixtures.Started fixture = Fixtures.start(LayoutFixture.class);
        jvm = fixture.jvm();
        truth = fixture.truth();
        pid = fixture.pid();
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    /** One line on err starting "mapdbg:", nothing on out, the given exit code; returns the line. */
    private static String oneLineError(Cli.Ran ran, int exit) {
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(exit);
        assertThat(ran.err().strip()).as(ran.toString()).doesNotContain("\n").startsWith("mapdbg: ");
        assertThat(ran.out()).as(ran.toString()).isEmpty();
        return ran.err().strip();
    }

    @Test
    void noSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(gone.pid())).isEmpty();
        String line = oneLineError(Cli.run("maps", Long.toString(gone.pid())), 1);
        assertThat(line).contains("no process with pid " + gone.pid());
    }

    @Test
    void notAJavaVmIsRefusedAndLeftAlive() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            String line = oneLineError(Cli.run("buckets", Long.toString(sleep.pid()), P + "BIG"), 1);
            assertThat(line).contains("not a Java VM");
            // the Attach API's SIGQUIT would kill it; it must still be running after a bounded wait
            assertThat(sleep.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroyForcibly();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jvmWithoutJdwpGetsTheExactRestartFlag() {
        try (TargetJvm plain = TargetJvm.startWithoutJdwp(LayoutFixture.class)) {
            plain.awaitLine("READY"::equals, Fixtures.START);
            Cli.Ran ran = Cli.run("maps", Long.toString(plain.pid()));
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertThat(ran.out()).as(ran.toString()).isEmpty();
            // two lines: the restart flag, and the other way in (the agent) with the exact command to run
            List<String> lines = ran.err().strip().lines().toList();
            assertThat(lines).as(ran.toString()).hasSize(2).allMatch(l -> l.startsWith("mapdbg: "));
            assertThat(lines.get(0)).contains("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
            assertThat(lines.get(1)).contains("mapdbg maps " + plain.pid() + " --agent");
            assertThat(plain.isAlive()).isTrue();
        }
    }

    @Test
    void malformedTargetIsAUsageError() {
        String line = oneLineError(Cli.run("maps", "x:y"), 2);
        assertThat(line).contains("x:y");
    }

    @Test
    void unknownClassInAPathIsNamed() {
        String line = oneLineError(Cli.run("buckets", pid, "nosuch.Cls.F"), 1);
        assertThat(line).contains("nosuch.Cls");
    }

    @Test
    void unknownIdSaysIdsArePerConnection() {
        String line = oneLineError(Cli.run("buckets", pid, "@999999999"), 1);
        assertThat(line).contains("@999999999", "per debugger connection");
    }

    @Test
    void aFieldThatIsNotAHashMapIsRefused() {
        // a static that is not a map: the fixture's CountDownLatch; and a JDK static String
        String latch = oneLineError(Cli.run("buckets", pid, P + "RESERVATION_RELEASE"), 1);
        assertThat(latch).contains("java.util.concurrent.CountDownLatch", "not a hash map");
        String list = oneLineError(Cli.run("buckets", pid, P + "WEAK_KEYS"), 1);
        assertThat(list).contains("java.util.ArrayList", "not a hash map");
        assertThat(jvm.isAlive()).isTrue();
    }

    @Test
    void detachLeavesTheTargetRunningAndAttachable() {
        for (int i = 0; i < 2; i++) {
            Cli.Ran ran = Cli.run("buckets", pid, P + "FEE_SCHEDULE", "--json");
            assertThat(ran.exit()).as(ran.toString()).isZero();
            LayoutTruth.assertMatches(ran.json(), truth.get("FEE_SCHEDULE"));
            assertThat(jvm.isAlive()).isTrue();
        }
        // the fixture's reserver thread is still parked in computeIfAbsent: nothing was left suspended or changed
        Cli.Ran reserved = Cli.run("buckets", pid, P + "CHM_RESERVED", "--json");
        assertThat(reserved.exit()).as(reserved.toString()).isZero();
        LayoutTruth.assertMatches(reserved.json(), truth.get("CHM_RESERVED"));
    }

    /** Last: kills its own target. The walk of BIG takes many seconds; the target dies once progress shows. */
    @Test
    void targetExitingMidCommandIsReportedNotHung() {
        try (TargetJvm victim = TargetJvm.start(LayoutFixture.class)) {
            Fixtures.startAndReadTruth(victim);
            Cli.Started walk = Cli.start(Cli.stdin(""), "buckets", Long.toString(victim.pid()), P + "BIG", "--json");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!walk.errSoFar().contains("walking ")) { // progress appears after a second of walking
                assertThat(System.nanoTime()).as("progress within 60 s: " + walk.errSoFar()).isLessThan(deadline);
                Thread.onSpinWait();
            }
            victim.close();
            Cli.Ran ran = walk.await(BOUND);
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertThat(ran.out()).isEmpty();
            String last = ran.err().strip().lines().reduce((a, b) -> b).orElse("");
            assertThat(last).startsWith("mapdbg: ").contains("target VM exited");
            assertThat(ran.err()).as("a walk cut short is not done").doesNotContain("done in");
        }
    }
}
