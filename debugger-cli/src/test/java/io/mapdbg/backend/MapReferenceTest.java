package io.mapdbg.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one grammar of a map reference, and the one refusal of a $N this session does not have. */
class MapReferenceTest {
    @Test
    void parsesEachFormOnce() {
        assertThat(MapReference.parse(" $3 ")).isEqualTo(new MapReference.Handle(3));
        assertThat(MapReference.parse("@1000000007")).isEqualTo(new MapReference.ObjectId(1_000_000_007L));
        assertThat(MapReference.parse("com.acme.Orders.BY_ID.inner"))
                .isEqualTo(new MapReference.StaticPath("com.acme.Orders.BY_ID.inner"));
        assertThat(MapReference.parse("$3").text()).isEqualTo("$3");
    }

    @Test
    void saysWhatIsWrongWithExitCodeTwo() {
        assertThat(why("@x")).isEqualTo("@ takes a number");
        assertThat(why("$")).isEqualTo("$ takes a number");
        assertThat(why("ORDERS")).isEqualTo("use @id, $N or a static path Cls.FIELD");
        assertThat(why("a..b")).startsWith("an empty name at column 3");
        assertThat(why("a.b-c")).isEqualTo("'-' at column 4 is not part of a Java name");
        assertThat(why("a." + "b.".repeat(MapReference.MAX_SEGMENTS))).isEqualTo("more than 64 names");
        assertThat(why("a." + "b".repeat(MapReference.MAX_CHARS))).isEqualTo("longer than 1000 characters");
        assertThatThrownBy(() -> MapReference.parse("x")).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.exitCode()).isEqualTo(2));
    }

    @Test
    void aHandleThisSessionDoesNotHaveIsRefused() {
        ValueHistory history = new ValueHistory();
        history.handleFor(42);
        assertThat(history.idOf(new MapReference.Handle(1))).isEqualTo(42L);
        assertThatThrownBy(() -> history.idOf(new MapReference.Handle(2))).isInstanceOfSatisfying(UserError.class,
                e -> {
                    assertThat(e.getMessage()).isEqualTo("$2 is not a result of this session (there are 1)");
                    assertThat(e.exitCode()).isEqualTo(1);
                });
    }

    private static String why(String typed) {
        try {
            MapReference.parse(typed);
        } catch (MapReference.Malformed e) {
            return e.why(s -> s);
        }
        throw new AssertionError(typed + " parsed");
    }
}
