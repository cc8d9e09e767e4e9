package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.layouts.PreviewText;
import org.junit.jupiter.api.Test;

class PreviewTextTest {

    @Test
    void stringsAreQuotedAndEscaped() {
        assertThat(PreviewText.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    }

    @Test
    void longTextIsCutWithAnEllipsisWithinMax() {
        assertThat(PreviewText.cut("\"abcdefghij\"", 8)).isEqualTo("\"abcde…\"").hasSize(8);
        assertThat(PreviewText.cut("HashMap$Node@12345", 10)).isEqualTo("HashMap$N…").hasSize(10);
        assertThat(PreviewText.cut("short", 10)).isEqualTo("short");
    }

    @Test
    void displayNamesOfNestedClassesUseDots() {
        assertThat(StaticPaths.displayName("com.acme.Outer$Inner")).isEqualTo("com.acme.Outer.Inner");
        assertThat(StaticPaths.displayName("com.acme.Foo$$Lambda$1")).isEqualTo("com.acme.Foo$$Lambda$1");
        assertThat(StaticPaths.displayName("java.util.HashMap")).isEqualTo("java.util.HashMap");
    }

    @Test
    void applicationHoldersAndShortPathsArePreferred() {
        assertThat(StaticPaths.PREFERRED.compare("com.acme.A.LONGER_NAME", "java.util.X.M")).isNegative();
        assertThat(StaticPaths.PREFERRED.compare("com.acme.A.M", "com.acme.A.MM")).isNegative();
    }
}
