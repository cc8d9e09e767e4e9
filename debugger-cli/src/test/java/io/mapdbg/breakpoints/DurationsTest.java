package io.mapdbg.breakpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void theFormsScriptsUse() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void mistakesSayWhatADurationLooksLike() {
        assertThatThrownBy(() -> Durations.parse("30")).hasMessage("'30' is not a duration (e.g. 500ms, 30s, 2m, 1h)");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("0ms")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Durations.parse("9999h")).hasMessageContaining("out of range");
    }

    @Test
    void formatIsTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(120))).isEqualTo("2h");
    }

    @Test
    void limitsSayWhichBoundWasReached() {
        RunLimits events = RunLimits.of(null, 3L);
        assertThat(events.reached()).isNull();
        assertThat(events.eventsLeft()).isEqualTo(3);
        events.used(3);
        assertThat(events.eventsLeft()).isZero();
        assertThat(events.reached()).isEqualTo("--max-events 3");
        RunLimits time = RunLimits.of(Duration.ofMillis(1), null);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (time.reached() == null && System.nanoTime() < until) {
            Thread.onSpinWait(); // a bounded poll for the deadline to pass, no sleep
        }
        assertThat(time.reached()).isEqualTo("--duration 1ms");
        assertThat(RunLimits.NONE.reached()).isNull();
        assertThat(RunLimits.NONE.eventsLeft()).isEqualTo(Long.MAX_VALUE);
    }
}
