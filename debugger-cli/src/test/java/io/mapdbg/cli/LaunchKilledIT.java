package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.HookedWritesFixture;
import io.mapdbg.testing.TargetJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A JVM started by {@code mapdbg launch} does not outlive mapdbg, even when mapdbg is killed with -9 (no shutdown
 * hook runs then). mapdbg runs as a process of its own here (the fat jar), so that it can be killed.
 */
class LaunchKilledIT {
    private static final Pattern LAUNCHED = Pattern.compile("launched pid (\\d+)");

    @Test
    void killingMapdbgWithSigkillEndsTheJvmItLaunched() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("mapdbg-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no fat jar in target/ (mvn package first)"));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "launch", "--", "-cp", TargetJvm.classpathOf(HookedWritesFixture.class),
                HookedWritesFixture.class.getName()));
        Process mapdbg = new ProcessBuilder(command).redirectErrorStream(true).start(); // stdin stays open: the REPL waits
        long launched = -1;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(mapdbg.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String l; launched < 0 && (l = lines.readLine()) != null; ) {
                said.append(l).append('\n');
                Matcher m = LAUNCHED.matcher(l);
                if (m.find()) {
                    launched = Long.parseLong(m.group(1));
                }
            }
            assertThat(launched).as("mapdbg said which pid it launched: %s", said).isPositive();
            long jvm = launched;
            assertThat(ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false)).isTrue();
            new Thread(() -> {
                try {
                    lines.transferTo(java.io.Writer.nullWriter()); // keep its pipe drained
                } catch (IOException e) {
                    // gone
                }
            }, "mapdbg-output").start();

            mapdbg.toHandle().destroyForcibly(); // SIGKILL
            assertThat(mapdbg.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(50); // a bounded poll for the JVM's end
            }
            assertThat(ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false))
                    .as("the launched JVM %d is gone within 5 s of mapdbg's kill -9", jvm).isFalse();
        } finally {
            mapdbg.destroyForcibly();
            if (launched > 0) {
                ProcessHandle.of(launched).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
