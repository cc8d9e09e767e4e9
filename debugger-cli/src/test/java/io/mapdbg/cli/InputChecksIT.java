package io.mapdbg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.examples.fixtures.OriginFixture;
import io.mapdbg.examples.fixtures.RacesFixture;
import io.mapdbg.session.agent.AgentHandshake;
import io.mapdbg.session.agent.AgentLoader;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is found before anything is attached or loaded, and gets the same exit code on every path: a condition's
 * syntax error in a script, options of a one-shot command, a malformed map path (over JDWP and through the agent);
 * a script that sources itself fails; and a script runs through the agent with --agent.
 */
@ExtendWith(KillTargetsAfterAll.class)
class InputChecksIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String RACY = RacesFixture.class.getName() + ".RACY";

    /** A JVM without JDWP: whatever is refused must leave it without the agent. */
    private static Fixtures.Started plain;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        plain = Fixtures.startPlain(RacesFixture.class);
    }

    @AfterAll
    static void stop() {
        Fixtures.stop(plain.jvm());
    }

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String oneLineError(Cli.Ran ran, int exit) {
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(exit);
        assertThat(ran.err().strip()).as(ran.toString()).doesNotContain("\n");
        assertThat(ran.out()).as(ran.toString()).isEmpty();
        return ran.err().strip();
    }

    /** No agent was loaded into the plain JVM: no handshake file, no agent thread. */
    private static void noAgentIn(TargetJvm jvm) throws Exception {
        assertThat(AgentLoader.running(jvm.pid())).isEmpty();
        assertThat(AgentHandshake.defaultPath(jvm.pid())).doesNotExist();
        Process jcmd = new ProcessBuilder(TargetJvm.javaHome().resolve("bin/jcmd").toString(), Long.toString(jvm.pid()),
                "Thread.print").redirectErrorStream(true).start();
        String threads = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).contains("racer-1").doesNotContain("mapdbg-agent");
    }

    @Test
    void aConditionSyntaxErrorInAScriptIsFoundBeforeAttaching() throws Exception {
        Path bad = script("cond.mdbg", "# a condition that does not parse\n"
                + "break b1 " + OriginFixture.class.getName() + ".main if key ==\n");
        try (TargetJvm fresh = TargetJvm.start(OriginFixture.class)) {
            int port = fresh.jdwpPort();
            String line = oneLineError(Cli.run(BOUND, Cli.stdin(""), "trace", Long.toString(fresh.pid()), bad.toString()), 2);
            // the column of the end of "key ==", where an operand is missing
            int column = "break b1 ".length() + OriginFixture.class.getName().length() + ".main if key ==".length() + 1;
            assertThat(line).startsWith(bad + ":2:").contains("condition 'key =='");
            assertThat(line).startsWith(bad + ":2:" + column + ": ");
            assertThat(fresh.output()).filteredOn(l -> l.contains("Listening for transport")).as("never attached").hasSize(1);
            assertThat(fresh.jdwpPort()).isEqualTo(port);
        }
        // the one-shot command line checks it before attaching too: a pid with no process gives the usage error
        String oneShot = oneLineError(Cli.run(BOUND, Cli.stdin(""), "break", "999999999",
                OriginFixture.class.getName() + ".main", "if", "key", "=="), 2);
        assertThat(oneShot).contains("condition 'key =='");
    }

    @Test
    void aScriptThatSourcesItselfFails() throws Exception {
        Path self = dir.resolve("self.mdbg");
        Files.writeString(self, "source " + self + "\n", StandardCharsets.UTF_8);
        try (TargetJvm target = TargetJvm.start(OriginFixture.class)) {
            target.awaitLine("READY"::equals, Fixtures.START);
            Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", Long.toString(target.pid()), self.toString());
            assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
            assertThat(ran.err()).contains("stopped early: scripts nested too deep");
        }
    }

    @Test
    void aMalformedPathIsAUsageErrorOnEveryPathAndLoadsNothing() throws Exception {
        try (TargetJvm jdwp = TargetJvm.start(OriginFixture.class)) {
            jdwp.awaitLine("READY"::equals, Fixtures.START);
            for (String bad : new String[] {"Foo.", "Foo..BAR", "a.b\u001b[2Jc", "@12x"}) {
                String overJdwp = oneLineError(Cli.run("buckets", Long.toString(jdwp.pid()), bad), 2);
                String viaAgent = oneLineError(Cli.run("buckets", plain.pid(), bad, "--agent"), 2);
                assertThat(overJdwp).contains("is not a map reference").doesNotContain("\u001b");
                assertThat(viaAgent).isEqualTo(overJdwp);
            }
        }
        noAgentIn(plain.jvm());
    }

    @Test
    void optionsAreCheckedBeforeTheAgentIsLoaded() throws Exception {
        String duty = oneLineError(Cli.run("races", plain.pid(), "--agent", "--all", "--duty", "0"), 2);
        assertThat(duty).contains("--duty 1 to 100");
        String count = oneLineError(Cli.run("trace", plain.pid(), "mapassign", "--map", RACY, "--count", "0", "--agent"), 2);
        assertThat(count).contains("--count takes 1 or more");
        String top = oneLineError(Cli.run("maps", plain.pid(), "--agent", "--top", "-1"), 2);
        assertThat(top).contains("--top");
        String state = oneLineError(Cli.run("threads", plain.pid(), "--agent", "--state", "nosuch"), 2);
        assertThat(state).startsWith("mapdbg: threads: ");
        noAgentIn(plain.jvm());
    }

    @Test
    void binaryInputIsEchoedEscaped() throws Exception {
        Path binary = script("binary.mdbg", "maps\n\u001b]0;owned\u0007buckets \u0000\u009b2J\n");
        Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", "999999999", binary.toString());
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(2);
        assertThat(ran.err()).startsWith(binary + ":2:").contains("\\u001b").doesNotContain("\u001b", "\u0007", "\u0000",
                "\u009b");
        try (TargetJvm target = TargetJvm.start(OriginFixture.class)) {
            target.awaitLine("READY"::equals, Fixtures.START);
            Cli.Ran repl = Cli.run(BOUND, Cli.stdin("\u001b[2Jbogus\nbuckets a.b\u0007c\ndetach\n"), "attach",
                    Long.toString(target.pid()));
            assertThat(repl.err()).contains("unknown command", "is not a map reference")
                    .doesNotContain("\u001b", "\u0007");
        }
    }

    @Test
    void aScriptRunsThroughTheAgent() throws Exception {
        Fixtures.Started target = Fixtures.startPlain(RacesFixture.class);
        try {
            Path file = script("agent.mdbg", "trace t mapassign --map " + RACY + "\n"
                    + "run 30s until 3 hits\n"
                    + "buckets " + RACY + "\n");
            Cli.Ran ran = Cli.run(BOUND, Cli.stdin(""), "trace", target.pid(), file.toString(), "--agent", "--json");
            assertThat(ran.exit()).as(ran.toString()).isZero();
            var lines = ran.out().lines().map(Cli.JSON::readTree).toList();
            assertThat(lines).filteredOn(n -> n.path("type").asString().equals("hit")).hasSizeGreaterThanOrEqualTo(3);
            var run = lines.stream().filter(n -> n.path("result").path("type").asString().equals("run")).findFirst().orElseThrow();
            assertThat(run.get("result").get("hits").asLong()).isEqualTo(3);
            assertThat(lines.get(lines.size() - 1).get("type").asString()).isEqualTo("end");
            assertThat(lines.get(lines.size() - 1).get("failed").asInt()).isZero();
            assertThat(ran.out()).contains("\"outcome\":\"hits\"", "\"source\":\"agent\"");
        } finally {
            Fixtures.stop(target.jvm());
        }
    }
}
