package io.mapdbg.layouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewTextTest {

    @Test
    void stringsAndCharactersAreQuotedAndEscaped() {
        assertThat(PreviewText.quote("a\"b\\c\nd\te\r\u0001\u007f"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\r\\u0001\\u007f\"");
        assertThat(PreviewText.character('\'')).isEqualTo("'''");
        assertThat(PreviewText.character('\n')).isEqualTo("'\\n'");
    }

    @Test
    void cutKeepsAClosingQuoteAndNeverGoesBelowFour() {
        assertThat(PreviewText.cut("\"abcdefghij\"", 8)).isEqualTo("\"abcde\u2026\"").hasSize(8);
        assertThat(PreviewText.cut("HashMap$Node@12345", 10)).isEqualTo("HashMap$N\u2026").hasSize(10);
        assertThat(PreviewText.cut("short", 10)).isEqualTo("short");
        assertThat(PreviewText.cut("abcdefgh", 0)).isEqualTo("abc\u2026");
    }

    @Test
    void arraysAndIdentitiesUseSimpleNames() {
        assertThat(PreviewText.array("int", 3, 0)).isEqualTo("int[3]");
        assertThat(PreviewText.array("java.lang.String", 2, 2)).isEqualTo("String[2][][]");
        assertThat(PreviewText.identity("com.acme.Outer$Inner", 615)).isEqualTo("Outer$Inner@615");
    }

    @Test
    void aFieldListShowsAtMostFourFieldsWithLongStringsCut() {
        PreviewText.FieldList list = new PreviewText.FieldList("com.acme.OrderKey");
        assertThat(list.isEmpty()).isTrue();
        list.string("merchant", "acme");
        list.primitive("seq", 17);
        list.nullField("note");
        assertThat(list.full()).isFalse();
        list.object("latch", "java.util.concurrent.CountDownLatch", 42);
        assertThat(list.full()).isTrue();
        assertThat(list.text()).isEqualTo("OrderKey{merchant=\"acme\", seq=17, note=null, latch=CountDownLatch@42}");

        PreviewText.FieldList longText = new PreviewText.FieldList("K");
        longText.string("s", "x".repeat(100));
        assertThat(longText.text()).isEqualTo("K{s=\"" + "x".repeat(37) + "\u2026\"}");
    }
}
