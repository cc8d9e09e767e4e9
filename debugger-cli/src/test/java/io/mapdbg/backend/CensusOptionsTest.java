package io.mapdbg.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CensusOptionsTest {
    private static CensusOptions filter(String f) {
        return new CensusOptions(f, 10, 0, CensusOptions.Sort.SIZE);
    }

    @Test
    void simpleNameOfANestedClassMatches() {
        String fee = "io.mapdbg.examples.fixtures.LayoutFixture$FeeSchedule";
        assertThat(filter("FeeSchedule").accepts(fee)).isTrue();
        assertThat(filter("LayoutFixture$FeeSchedule").accepts(fee)).isTrue();
        assertThat(filter("LayoutFixture.FeeSchedule").accepts(fee)).isTrue();
        assertThat(filter(fee).accepts(fee)).isTrue();
        assertThat(filter("Schedule").accepts(fee)).isFalse();
        assertThat(filter("HashMap").accepts("java.util.HashMap")).isTrue();
        assertThat(filter("HashMap").accepts("java.util.LinkedHashMap")).isFalse();
        assertThat(filter("SynchronizedMap").accepts("java.util.Collections$SynchronizedMap")).isTrue();
    }
}
