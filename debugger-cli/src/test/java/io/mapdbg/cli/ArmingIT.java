package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.OriginFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A breakpoint armed in no place says why; a trace with on-commands is listed once in a script's output. */
@ExtendWith(KillTargetsAfterAll.class)
class ArmingIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CLS = OriginFixture.class.getName();

    private static Fixtures.Started fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fixture = Fixtures.start(OriginFixture.class);
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(fixture == null ? null : fixture.jvm());
    }

    @Test
    void aBreakpointArmedNowhereSaysWhy() {
        try (PipedRepl repl = PipedRepl.attach(fixture.pid(), BOUND)) {
            repl.send("break a " + CLS + ".noSuchMethod");
            repl.awaitOutContaining("not armed: " + CLS + " has no method noSuchMethod");
            repl.send("break b " + CLS + ":99999");
            String line = repl.awaitOutContaining("not armed: " + CLS + " has no code at line 99999");
            assertThat(line).containsPattern("its code is on lines \\d+-\\d+");
            repl.send("break c com.acme.NotLoadedYet.run");
            repl.awaitOutContaining("pending until loaded: com.acme.NotLoadedYet (not loaded yet: armed when it loads)");
            repl.send("clearall");
            repl.awaitOutContaining("cleared");
        }
        // a one-shot trace armed nowhere would wait forever: it says why and fails at once
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", fixture.pid(), CLS + ".noSuchMethod");
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        assertThat(ran.err().strip()).as(ran.toString()).doesNotContain("\n")
                .contains("is armed in no place", CLS + " has no method noSuchMethod");
    }

    @Test
    void aTraceWithAnOnBlockIsListedOnce() throws IOException {
        Path script = dir.resolve("on.mdbg");
        Files.writeString(script, "trace p mapassign --map " + CLS + ".BY_ID --count 1\n"
                + "on p {\n  print key\n}\n"
                + "on p print value\n"
                + "breakpoints\n"
                + "clearall\n", StandardCharsets.UTF_8);
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", fixture.pid(), script.toString());
        assertThat(ran.exit()).as(ran.toString()).isZero();
        // once when armed, once in the breakpoints listing the script asked for; the on lines say what they added
        assertThat(ran.out().lines().filter(l -> l.startsWith("p: trace mapassign"))).as(ran.out()).hasSize(2);
        assertThat(ran.out()).contains("p: on hit: print key", "p: on hit: print value");
    }
}
