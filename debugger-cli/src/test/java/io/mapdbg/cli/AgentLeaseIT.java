package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.LeaseFixture;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The lease: whatever a mapdbg armed through the agent (hooked classes, watches, races --all and its sampler thread,
 * trace streams, counts) goes within seconds of that mapdbg going away, however it went: a mapdbg process of its own
 * is killed with -9 or SIGTERM in the middle of {@code races --agent --map}, {@code races --agent --all} and
 * {@code trace --agent}. Then, against LeaseFixture in a JVM without JDWP: no map is watched, races --all is off, no
 * class is hooked (HashMap's bytes are the original ones), no mapdbg thread is left in the target but the agent's
 * accept thread and this test's own connection (jcmd Thread.print), a next session's write counts are no more than
 * the writes the fixture made meanwhile, and the fixture's own put rate is back.
 */
@ExtendWith(KillTargetsAfterAll.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentLeaseIT {
    private static final String RACY = LeaseFixture.class.getName() + ".RACY";
    private static final String COUNTED = LeaseFixture.class.getName() + ".COUNTED";
    /** How long a killed client's things may take to go. */
    private static final Duration GONE = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static TargetJvm jvm;
    private static String pid;
    private static AgentClient agent;
    private static String original;
    private static long rateBefore;

    @BeforeAll
    static void start() throws Exception {
        Fixtures.Started started = Fixtures.startPlain(LeaseFixture.class);
        jvm = started.jvm();
        pid = started.pid();
        agent = AgentLoader.connect(jvm.pid(), true).client();
        AgentProbe.digest(agent); // the first reconstitution differs from every later one (see AgentHooksIT)
        original = AgentProbe.digest(agent);
        for (int i = 0; i < 3; i++) {
            rateBefore = Math.max(rateBefore, rate());
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        Fixtures.stop(jvm);
    }

    @Test
    @Order(1)
    void racesMapKilledWithMinus9LeavesNothingAndTheNextSessionCountsFresh() throws Exception {
        killMidCommand(true, AgentProbe.Stats::watchesSomething, "races", pid, "--agent", "--map", RACY, "--map", COUNTED,
                "--duration", "120s");
        long before = count();
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "races", pid, "--agent", "--map", COUNTED, "--duration", "2s",
                "--json");
        long after = count();
        assertThat(ran.exit()).as(ran.toString()).isZero();
        JsonNode counted = null;
        for (JsonNode w : ran.json().get("watched")) {
            if (COUNTED.equals(w.path("map").path("path").asString())) {
                counted = w;
            }
        }
        assertThat(counted).as(ran.out()).isNotNull();
        // the fixture publishes its count every 1,024 puts
        assertThat(counted.get("writes").asLong()).as("this session's writes, against the fixture's %d", after - before)
                .isPositive().isLessThanOrEqualTo(after - before + 2048);
        awaitNothingLeft();
    }

    @Test
    @Order(2)
    void racesAllKilledWithMinus9StopsTheSamplerAndUnhooks() throws Exception {
        killMidCommand(true, s -> s.racesAll() && AgentProbe.threads(pid).containsKey("mapdbg-races-sampler"), "races", pid,
                "--agent", "--all", "--duration", "120s");
    }

    @Test
    @Order(3)
    void racesAllEndedBySigtermStopsTheSamplerAndUnhooks() throws Exception {
        killMidCommand(false, s -> s.racesAll() && AgentProbe.threads(pid).containsKey("mapdbg-races-sampler"), "races",
                pid, "--agent", "--all", "--duration", "120s");
    }

    @Test
    @Order(4)
    void traceKilledWithMinus9Unhooks() throws Exception {
        killMidCommand(true, AgentProbe.Stats::watchesSomething, "trace", pid, "mapassign", "--map", RACY, "--agent",
                "--json");
    }

    @Test
    @Order(5)
    void traceEndedBySigtermUnhooks() throws Exception {
        killMidCommand(false, AgentProbe.Stats::watchesSomething, "trace", pid, "mapassign", "--map", RACY, "--agent",
                "--json");
    }

    /**
     * A mapdbg stopped as Ctrl-Z stops it (SIGSTOP: every thread, its pinger too) is dropped by the agent once it has
     * missed its pings, and what it armed goes; resumed, it says the agent stopped answering and exits non-zero.
     */
    @Test
    @Order(6)
    void traceStoppedWithCtrlZUnhooksOnceItsPingsStop() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        Process mapdbg = MapdbgProcess.start(List.of("-Dmapdbg.agent.pingMillis=500"), out, "trace", pid, "mapassign",
                "--map", RACY, "--agent", "--json");
        try {
            await(() -> AgentProbe.stats(agent).watchesSomething(), BOUND, "armed by the trace");
            signal(mapdbg.pid(), "STOP");
            awaitNothingLeft();
            signal(mapdbg.pid(), "CONT");
            assertThat(mapdbg.waitFor(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                    .as("the resumed mapdbg ends").isTrue();
            assertThat(mapdbg.exitValue()).as(String.join("\n", out)).isNotZero();
        } finally {
            signal(mapdbg.pid(), "CONT");
            mapdbg.destroyForcibly();
            mapdbg.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(7)
    void thePutRateIsBack() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long best = rate();
        while (best * 2 < rateBefore && System.nanoTime() < deadline) {
            best = Math.max(best, rate());
        }
        assertThat(best).as("puts/s into COUNTED now, against %d before any session", rateBefore)
                .isGreaterThanOrEqualTo(rateBefore / 2);
    }

    /**
     * Starts mapdbg with args in a process of its own, waits until armed holds, kills it (-9, or SIGTERM), and checks
     * that everything it armed goes within {@link #GONE}.
     */
    private static void killMidCommand(boolean minus9, java.util.function.Predicate<AgentProbe.Stats> armed,
                                       String... args) throws Exception {
        Process mapdbg = MapdbgProcess.start(args);
        try {
            await(() -> armed.test(AgentProbe.stats(agent)), BOUND, "armed by " + List.of(args));
            if (minus9) {
                mapdbg.toHandle().destroyForcibly();
            } else {
                mapdbg.toHandle().destroy();
            }
            assertThat(mapdbg.waitFor(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            mapdbg.destroyForcibly();
            mapdbg.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        awaitNothingLeft();
    }

    /** Nothing watched, races --all off, no class hooked, HashMap's own bytes, no mapdbg thread but ours. */
    private static void awaitNothingLeft() throws Exception {
        await(() -> {
            AgentProbe.Stats s = AgentProbe.stats(agent);
            return s.watched() == 0 && !s.racesAll() && s.hooked() == 0;
        }, GONE, "the hooks gone (" + AgentProbe.stats(agent) + ")");
        assertThat(AgentProbe.digest(agent)).as("HashMap's original bytes are back").isEqualTo(original);
        List<String> expected = List.of("mapdbg-agent-accept", "mapdbg-agent-connection"); // the agent's, and ours
        try {
            await(() -> AgentProbe.threads(pid).equals(new TreeMap<>(Map.of("mapdbg-agent-accept", 1,
                    "mapdbg-agent-connection", 1))), GONE, "no mapdbg thread left but " + expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; now:\n" + AgentProbe.mapdbgStacks(pid), e);
        }
    }

    private static void signal(long processId, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(processId)).inheritIO().start();
        assertThat(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    private static void await(BooleanSupplier p, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!p.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long count() throws IOException {
        return Long.parseLong(ask("count", "COUNT "));
    }

    private static long rate() throws IOException {
        return Long.parseLong(ask("rate", "RATE "));
    }

    private static synchronized String ask(String command, String answer) throws IOException {
        OutputStream in = jvm.process().getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return jvm.awaitLine(l -> l.startsWith(answer), BOUND).substring(answer.length()).trim();
    }

}
