package io.mapdbg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.examples.fixtures.SessionTarget;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: others rely on it to fail clearly and never leak a JVM. */
@ExtendWith(KillTargetsAfterAll.class)
class TargetJvmIT {

    @Test
    void startsWithJdwpCollectsLinesAndKillsOnClose() throws Exception {
        TargetJvm jvm = TargetJvm.start(SessionTarget.class, "heartbeat");
        try {
            assertThat(jvm.jdwpPort()).isBetween(1, 65535);
            assertThat(jvm.awaitLine("READY"::equals, Duration.ofSeconds(20))).isEqualTo("READY");
            assertThat(jvm.awaitLine(l -> l.startsWith("beat "), Duration.ofSeconds(20))).startsWith("beat ");
            assertThat(jvm.output()).anyMatch(l -> l.startsWith("Listening for transport dt_socket"));
        } finally {
            jvm.close();
        }
        assertThat(jvm.process().waitFor(1, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.isAlive()).isFalse();
    }

    @Test
    void awaitLineFailsWithTheOutputOnTimeoutAndOnExit() {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
            assertThatThrownBy(() -> jvm.awaitLine("never"::equals, Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("READY");
            jvm.process().destroyForcibly();
            assertThatThrownBy(() -> jvm.awaitLine("never"::equals, Duration.ofSeconds(20)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("target exited");
        }
    }

    @Test
    void withoutJdwpHasNoPort() {
        try (TargetJvm jvm = TargetJvm.startWithoutJdwp(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, Duration.ofSeconds(20));
            assertThat(jvm.output()).noneMatch(l -> l.contains("Listening for transport"));
            assertThatThrownBy(jvm::jdwpPort).isInstanceOf(IllegalStateException.class);
        }
    }
}
