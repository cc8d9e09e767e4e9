package io.mapdbg.layouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadHoldsTest {

    @Test
    void firstReaderFirstThenOthersByThreadIdEachOnce() {
        ReadHolds.Holders<String> h = new ReadHolds.Holders<>("first", 2);
        assertThat(h.first()).isEqualTo("first");
        h.other(30, "t30", 1);
        h.other(12, "t12", 3);
        h.other(30, "t30", 1); // found again (a stale counter, or the cached one): counted once
        assertThat(h.readers()).containsExactly("first", "t12", "t30");
        assertThat(h.holds()).isEqualTo(2 + 3 + 1);
    }

    @Test
    void aHolderWithoutACountHoldsOneAndAnIdleFirstReaderIsNone() {
        ReadHolds.Holders<String> h = new ReadHolds.Holders<>("stale", 0);
        assertThat(h.first()).isNull();
        h.other(7, "cached-only", 0);
        assertThat(h.readers()).containsExactly("cached-only");
        assertThat(h.holds()).isEqualTo(1);
        assertThat(new ReadHolds.Holders<String>(null, 5).readers()).isEmpty();
    }
}
