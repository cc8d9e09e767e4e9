package io.mapdbg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The diff a golden mismatch shows: changed lines with their context, far-apart changes as separate hunks. */
class GoldenFileTest {
    @Test
    void aChangedLineIsShownWithTwoLinesAroundIt() {
        String before = "a\nb\nc\nd\ne\nf\ng\n";
        String after = "a\nb\nc\nD\ne\nf\ng\n";
        assertThat(GoldenFile.diff(before, after)).isEqualTo("@@ line 2\n b\n c\n-d\n+D\n e\n f\n");
    }

    @Test
    void farApartChangesAreTwoHunksAndAddedOrDroppedLinesAndTrailingBlanksShow() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String after = "0\n1\n2\n3\n4\n5\n6\n7\n8\n10 \n";
        assertThat(GoldenFile.diff(before, after)).isEqualTo(
                "@@ line 1\n+0\n 1\n 2\n@@ line 7\n 7\n 8\n-9\n-10\n+10·\n \n");
    }

    @Test
    void aMissingGoldenFileSaysHowToWriteIt() {
        assertThatThrownBy(() -> GoldenFile.check("no-such-golden.txt", "text", "-Dmapdbg.writeGolden=true"))
                .hasMessageContaining("no golden file").hasMessageContaining("-Dmapdbg.writeGolden=true");
    }
}
