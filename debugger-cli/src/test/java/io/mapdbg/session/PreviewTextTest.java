package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Static paths in words; the preview text itself is tested in the layouts module (PreviewTextTest there). */
class PreviewTextTest {

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
