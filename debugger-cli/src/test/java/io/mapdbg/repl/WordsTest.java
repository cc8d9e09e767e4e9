package io.mapdbg.repl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordsTest {
    @Test
    void splitsOnBlanksAndKeepsQuotedText() {
        assertThat(Words.split("  buckets $1  --bins 0-3 ")).containsExactly("buckets", "$1", "--bins", "0-3");
        assertThat(Words.split("print \"order 42\" 'a b'")).containsExactly("print", "order 42", "a b");
        assertThat(Words.split("a\\ b \"x\\\"y\"")).containsExactly("a b", "x\"y");
    }

    @Test
    void hashStartsACommentOnlyAtAWordStart() {
        assertThat(Words.split("maps --top 3 # the biggest")).containsExactly("maps", "--top", "3");
        assertThat(Words.split("# only a comment")).isEmpty();
        assertThat(Words.split("x#y")).containsExactly("x#y");
    }

    @Test
    void unclosedQuoteNamesItsColumn() {
        assertThatThrownBy(() -> Words.split("print \"abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 7");
    }
}
