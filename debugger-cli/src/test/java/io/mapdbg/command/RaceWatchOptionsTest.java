package io.mapdbg.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RaceWatchOptionsTest {
    @Test
    void durationsInSecondsMillisecondsAndMinutes() {
        assertThat(RaceWatchOptions.parseDuration("10s", "races")).isEqualTo(Duration.ofSeconds(10));
        assertThat(RaceWatchOptions.parseDuration("500ms", "races")).isEqualTo(Duration.ofMillis(500));
        assertThat(RaceWatchOptions.parseDuration("2m", "races")).isEqualTo(Duration.ofMinutes(2));
        assertThat(RaceWatchOptions.parseDuration("1.5", "races")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void badDurationsAreUsageErrors() {
        for (String bad : new String[] {"0s", "-1s", "soon", "", "3h"}) {
            assertThatThrownBy(() -> RaceWatchOptions.parseDuration(bad, "races"))
                    .isInstanceOf(CommandException.class).hasMessageContaining("races: --duration takes");
        }
    }
}
