package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.BlockedFixture;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A monitor that is a map is named by the map's static path (issue 16, point 20): threads blocked on
 * {@code synchronized (PLAIN_MAP)} (a plain HashMap), a Hashtable and a synchronizedMap, over JDWP and through the
 * agent, in text ("2 waiting on monitor java.util.HashMap @N (…PLAIN_MAP)") and JSON (the cluster's map).
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorMapsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String P = BlockedFixture.class.getName() + ".";
    private static TargetJvm jvm;
    private static String pid;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.start(BlockedFixture.class);
        try {
            jvm.awaitLine(l -> l.startsWith("TRUTH "), Fixtures.START);
            jvm.awaitLine("READY"::equals, Fixtures.START);
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
        pid = Long.toString(jvm.pid());
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(jvm);
    }

    private static void assertNamed(String... agent) {
        String[] json = concat(new String[] {"threads", pid, "--blocked", "--json"}, agent);
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), json);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode plain = null;
        for (JsonNode c : ran.json().get("clusters")) {
            if (c.get("owner") != null && "plainmap-holder".equals(c.at("/owner/name").asString())) {
                plain = c;
            }
        }
        assertThat(plain).as(ran.out()).isNotNull();
        assertThat(plain.at("/lock/class").asString()).isEqualTo("java.util.HashMap");
        assertThat(plain.at("/map/path").asString()).isEqualTo(P + "PLAIN_MAP");
        assertThat(plain.at("/map/id").asLong()).isEqualTo(plain.at("/lock/id").asLong());
        assertThat(plain.at("/map/bin").asInt()).isEqualTo(-1);
        assertThat(ran.out()).as("the shared note (layouts LockWords), either way").contains(
                "the map itself is the monitor (synchronized on it)");

        Cli.Ran text = Cli.run(BOUND, Cli.stdin(""), concat(new String[] {"blocked", pid}, agent));
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out())
                .containsPattern("(?m)^2 waiting on monitor java\\.util\\.HashMap @\\d+ \\(" + Pattern.quote(P + "PLAIN_MAP") + "\\)$")
                .containsPattern("(?m)^2 waiting on monitor java\\.util\\.Hashtable @\\d+ \\(" + Pattern.quote(P + "HASHTABLE") + "\\)$")
                .containsPattern("(?m)^2 waiting on monitor java\\.util\\.Collections\\$SynchronizedMap @\\d+ \\("
                        + Pattern.quote(P + "SYNC_MAP") + "\\)$");
    }

    @Test
    @Order(1)
    void overJdwp() {
        assertNamed();
    }

    /** Last: loads the agent. */
    @Test
    @Order(2)
    void throughTheAgent() {
        assertNamed("--agent");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
