package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.HookedWritesFixture;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code break mapassign --map M --agent} with JDWP and the agent: the JDI breakpoint sits on the hook's
 * {@code MapHook.hit}, which the agent calls for writes to M only; the fixture's writer stops once per write to
 * M (and not for its writes to two other maps), and clearall takes the hooks out.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentBreakIT {
    private static final String WATCHED = HookedWritesFixture.class.getName() + ".WATCHED";
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static TargetJvm jvm;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(HookedWritesFixture.class);
        jvm.awaitLine("READY"::equals, Fixtures.START);
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void stopsOnlyTheWritesToTheWatchedMap() throws Exception {
        try (PipedRepl repl = PipedRepl.attach(Long.toString(jvm.pid()), BOUND)) {
            repl.send("break b mapassign --map " + WATCHED + " --agent --count 3");
            repl.awaitOutContaining("b: break");
            OutputStream fixture = jvm.process().getOutputStream();
            fixture.write("write 5\n".getBytes(StandardCharsets.UTF_8));
            fixture.flush();
            for (int i = 1; i <= 3; i++) {
                String hit = repl.awaitOutContaining("[b #" + i + "]");
                assertThat(hit).contains("fixture-writer").contains("MapHook.hit").contains("stopped");
                repl.send("continue");
            }
            // the writer put 5 keys into each of three maps and stopped 3 times (--count 3): only for WATCHED
            String wrote = jvm.awaitLine(l -> l.startsWith("WROTE "), BOUND);
            assertThat(wrote).contains("n=5").contains("lookups=5");
            assertThat(repl.out()).doesNotContain("[b #4]");
            repl.send("clearall");
            repl.awaitOutContaining("cleared");
            try (AgentClient agent = AgentLoader.connect(jvm.pid(), false).client()) {
                long deadline = System.nanoTime() + BOUND.toNanos();
                while (hooked(agent) != 0) {
                    assertThat(System.nanoTime()).as("hooks taken out after clearall").isLessThan(deadline);
                    Thread.onSpinWait();
                }
            }
            repl.send("detach");
            assertThat(repl.awaitExit()).isZero();
        }
    }

    private static int hooked(AgentClient agent) throws IOException {
        DataInputStream in = agent.call("hooks.stats", Map.of());
        return in.readBoolean() ? in.readInt() : 0;
    }
}
