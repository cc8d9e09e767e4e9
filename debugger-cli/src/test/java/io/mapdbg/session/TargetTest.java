package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

    @Test
    void numberIsPid() {
        assertThat(Target.parse("4242")).isEqualTo(new Target.Pid(4242));
        assertThat(Target.parse(" 17 ")).isEqualTo(new Target.Pid(17));
    }

    @Test
    void hostPortIsSocket() {
        assertThat(Target.parse("db1.example:5005")).isEqualTo(new Target.Socket("db1.example", 5005));
        assertThat(Target.parse("127.0.0.1:8000")).isEqualTo(new Target.Socket("127.0.0.1", 8000));
        assertThat(Target.parse("[::1]:8000")).isEqualTo(new Target.Socket("::1", 8000));
    }

    @Test
    void colonPortIsLoopbackSocket() {
        assertThat(Target.parse(":5005")).isEqualTo(new Target.Socket("127.0.0.1", 5005));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "host:", "host:99999", ":0", "0", "-5", "12ab", "a b:80", "host:port"})
    void anythingElseIsAUsageError(String text) {
        assertThatThrownBy(() -> Target.parse(text))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("not a target: '")
                .satisfies(e -> assertThat(((TargetException) e).exitCode()).isEqualTo(2))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void exitedIsATargetProblem() {
        TargetExitedException e = new TargetExitedException();
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e).hasMessage("the target VM exited (or closed the connection)");
    }
}
