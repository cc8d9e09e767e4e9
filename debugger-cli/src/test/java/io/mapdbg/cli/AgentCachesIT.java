package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.HookedWritesFixture;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent keeps no growing state in the target: its per-class caches (the static-field scan's Field lists, and the
 * like) belong to the client session that filled them and go when its connection ends. Counted in the target's own
 * heap histogram (jcmd GC.class_histogram, which collects first): while a session that took a census of the maps lives,
 * the agent holds its StaticFields$Fields; once it ends, none, and the Field objects it held are gone; the JDK's own
 * reflection cache of each class scanned is left as the agent found it (ReflectionCaches), so java.lang.reflect.Field
 * stays within a few hundred of its count before (the map classes the agent reads), and does not grow per session.
 */
@ExtendWith(KillTargetsAfterAll.class)
class AgentCachesIT {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");
    private static final String FIELDS = "io.mapdbg.agent.StaticFields$Fields";
    private static final String TABLE = "io.mapdbg.agent.SessionClassCache$Table";
    private static final String FIELD = "java.lang.reflect.Field";
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aSessionsCachesGoWithItAndDoNotGrowAcrossSessions() throws Exception {
        TargetJvm jvm = TargetJvm.startPlain(List.of(), HookedWritesFixture.class);
        AgentClient probe = null;
        try {
            jvm.awaitLine("READY"::equals, Fixtures.START);
            String pid = Long.toString(jvm.pid());
            probe = AgentLoader.connect(jvm.pid(), true).client();
            Map<String, Long> before = histogram(pid);

            AgentClient session = AgentClient.connect(probe.handshake());
            Map<String, Long> during;
            try {
                session.call("maps", Map.of());
                session.call("maps", Map.of());
                during = histogram(pid);
            } finally {
                session.close();
            }
            assertThat(during.getOrDefault(FIELDS, 0L)).as("the census's cache, while its session lives")
                    .isGreaterThan(100);

            Map<String, Long> after = awaitCachesGone(pid);
            assertThat(after.getOrDefault(FIELD, 0L)).as("the Field copies the session held are gone")
                    .isLessThan(during.getOrDefault(FIELD, 0L));

            for (int i = 0; i < 3; i++) {
                try (AgentClient again = AgentClient.connect(probe.handshake())) {
                    again.call("maps", Map.of());
                }
            }
            Map<String, Long> later = awaitCachesGone(pid);
            System.out.printf("AgentCachesIT %s: %s/%s before %d/%d, during %d/%d, after %d/%d, after 3 more %d/%d%n",
                    TargetJvm.javaHome(), FIELDS, FIELD, before.getOrDefault(FIELDS, 0L), before.getOrDefault(FIELD, 0L),
                    during.getOrDefault(FIELDS, 0L), during.getOrDefault(FIELD, 0L), after.getOrDefault(FIELDS, 0L),
                    after.getOrDefault(FIELD, 0L), later.getOrDefault(FIELDS, 0L), later.getOrDefault(FIELD, 0L));
            assertThat(later.getOrDefault(FIELD, 0L)).as("Fields after three more sessions (before any: %d)",
                    before.getOrDefault(FIELD, 0L)).isLessThanOrEqualTo(after.getOrDefault(FIELD, 0L) + 64)
                    // the JDK's reflection caches of the classes scanned are left as found (none, for most): a
                    // few hundred Fields of the map classes the agent reads stay, not one per static of every class
                    .isLessThan(before.getOrDefault(FIELD, 0L) + 1000);
        } finally {
            if (probe != null) {
                probe.close();
            }
            jvm.close();
        }
    }

    /** Polls (a bound, no sleep) until the histogram shows no agent cache left; returns it. */
    private static Map<String, Long> awaitCachesGone(String pid) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            Map<String, Long> h = histogram(pid);
            if (!h.containsKey(FIELDS) && !h.containsKey(TABLE)) {
                return h;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent still holds " + h.get(FIELDS) + " " + FIELDS + " and "
                        + h.get(TABLE) + " " + TABLE + " after its sessions ended");
            }
        }
    }

    private static Map<String, Long> histogram(String pid) throws IOException, InterruptedException {
        String jcmd = TargetJvm.javaHome().resolve("bin").resolve("jcmd").toString();
        Process p = new ProcessBuilder(jcmd, pid, "GC.class_histogram").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        Map<String, Long> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                counts.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return counts;
    }
}
