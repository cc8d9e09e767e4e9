package io.mapdbg.cli;

import io.mapdbg.examples.fixtures.LayoutFixture;
import io.mapdbg.testing.TargetJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** mapdbg launch: starts a JVM with JDWP on loopback, runs the REPL on it, and ends that JVM with the session. */
class LaunchIT {
    private static final Duration BOUND = Duration.ofSeconds(90);

    @Test
    void launchRunsTheReplOnANewJvmAndEndsItAfter() {
        List<String> args = new ArrayList<>(List.of("launch", "--"));
        args.addAll(TargetJvm.ADD_OPENS);
        args.addAll(List.of("-cp", TargetJvm.classpathOf(LayoutFixture.class), LayoutFixture.class.getName()));
        // the first command may run before the fixture has built its maps: ask for a class that exists from the start
        String script = "help maps\nmaps --class LayoutFixture* --json\ndetach\n";
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(script), args.toArray(String[]::new));

        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("Usage: maps");
        assertThat(ran.out()).containsPattern("\\{\"type\":\"maps\",\"classes\":\\[");
        assertThat(ran.err()).contains("attached to");
        Matcher pid = Pattern.compile("launched pid (\\d+)").matcher(ran.err());
        assertThat(pid.find()).as(ran.err()).isTrue();
        long launched = Long.parseLong(pid.group(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(launched).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(ProcessHandle.of(launched).map(ProcessHandle::isAlive).orElse(false))
                .as("the launched JVM ends with the session").isFalse();
    }

    @Test
    void launchWithoutJavaArgumentsIsAUsageError() {
        Cli.Ran ran = Cli.run("launch");
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.err()).contains("Usage: mapdbg launch");
    }
}
