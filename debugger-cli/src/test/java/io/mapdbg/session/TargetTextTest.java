package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTextTest {
    @Test
    void controlCharactersFromTheTargetAreShownAsEscapesAndOurLayoutStays() {
        assertThat(TargetText.clean("a\u001b[2Jb\u0007\r\u009b1m\u202e")).isEqualTo("a\\u001b[2Jb\\u0007\\u000d\\u009b1m\\u202e");
        assertThat(TargetText.clean("line 1\n\tline 2 \"quoted\" é")).isEqualTo("line 1\n\tline 2 \"quoted\" é");
        String plain = "HashMap @12 size 3";
        assertThat(TargetText.clean(plain)).isSameAs(plain);
    }
}
