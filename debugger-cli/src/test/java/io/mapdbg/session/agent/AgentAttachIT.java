package io.mapdbg.session.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.examples.bench.BigMaps;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.backend.agent.AgentBuckets;
import io.mapdbg.session.TargetException;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loading the agent into a JVM without JDWP (and without add-opens) through the Attach API, once. */
@ExtendWith(KillTargetsAfterAll.class)
class AgentAttachIT {
    private static TargetJvm jvm;

    @BeforeAll
    static void start() {
        jvm = TargetJvm.startPlain(java.util.List.of(), BigMaps.class, "10k");
        jvm.awaitLine("READY"::equals, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Test
    void loadsOnceAndASecondAttachReusesTheRunningAgent() throws IOException {
        AgentLoader.Connected first = AgentLoader.connect(jvm.pid(), true);
        AgentLoader.Connected second;
        try (AgentClient client = first.client()) {
            second = AgentLoader.connect(jvm.pid(), true);
            second.client().close();
            assertThat(hello(client)).containsEntry("pid", Long.toString(jvm.pid())).containsEntry("mode", "attach");
        }
        // the first call of this class may find an agent an earlier test loaded; the second never loads
        assertThat(second.loadedNow()).isFalse();
        assertThat(second.client().handshake().port()).isEqualTo(first.client().handshake().port());
        long loads = jvm.output().stream().filter(l -> l.contains("mapdbg agent: not started")).count();
        assertThat(loads).isZero();
        // the agent started once: its accept thread exists once (a second environment would open a second port)
        try (AgentClient again = AgentLoader.connect(jvm.pid(), false).client()) {
            assertThat(hello(again).get("requests")).contains("hello");
        }
    }

    @Test
    void aSecondLoadAgentReusesTheRunningChannel() throws IOException {
        int port;
        Path file;
        try (AgentClient client = AgentLoader.connect(jvm.pid(), true).client()) {
            port = client.handshake().port();
            file = client.handshake().file();
        }
        Files.delete(file); // as a tmp cleaner would: the next connect has to load the agent again
        AgentLoader.Connected again = AgentLoader.connect(jvm.pid(), true);
        try (AgentClient client = again.client()) {
            assertThat(again.loadedNow()).isTrue();
            assertThat(client.handshake().port()).as("the same channel, not a second agent").isEqualTo(port);
            assertThat(Files.exists(file)).isTrue();
        }
    }

    @Test
    void withoutAddOpensTheAgentOpensJavaUtilItselfAndWalksTheMap() {
        // the target runs without --add-opens: reading HashMap.table needs the agent's redefineModule
        try (AgentClient client = AgentLoader.connect(jvm.pid(), true).client()) {
            BucketLayout layout = new AgentBuckets(client).layout(io.mapdbg.backend.MapReference.parse(BigMaps.class.getName() + ".MAP_10K"),
                    WalkOptions.defaults(), new ValueHistory());
            assertThat(layout.source()).isEqualTo("agent");
            assertThat(layout.size()).isEqualTo(10_000);
            assertThat(layout.entries()).isEqualTo(10_000);
            assertThat(layout.integrity().ok()).as(layout.integrity().toString()).isTrue();
            assertThat(layout.histogram().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(layout.capacity());
        }
        assertThat(jvm.output()).noneMatch(l -> l.contains("mapdbg agent: not started"));
    }

    @Test
    void anAgentStartedWithJavaagentIsFoundWithoutLoading() throws IOException {
        TargetJvm started = TargetJvm.startPlain(java.util.List.of("-javaagent:" + AgentJar.locate()), BigMaps.class, "10k");
        try {
            started.awaitLine("READY"::equals, Duration.ofSeconds(60));
            AgentClient client = AgentLoader.running(started.pid()).orElseThrow(
                    () -> new AssertionError("no agent found in a JVM started with -javaagent"));
            try (client) {
                assertThat(hello(client)).containsEntry("mode", "javaagent");
                assertThat(client.handshake().file()).isEqualTo(AgentHandshake.defaultPath(started.pid()));
            }
            AgentLoader.Connected c = AgentLoader.connect(started.pid(), true);
            c.client().close();
            assertThat(c.loadedNow()).as("the running agent is used, none loaded").isFalse();
            assertThat(started.output()).noneMatch(l -> l.contains("loaded dynamically"));
        } finally {
            started.close();
        }
    }

    @Test
    void theHandshakeFileIsForTheUserOnly() throws IOException {
        try (AgentClient client = AgentLoader.connect(jvm.pid(), true).client()) {
            Path file = client.handshake().file();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            assertThat(Files.getOwner(file).getName()).isEqualTo(System.getProperty("user.name"));
        }
    }

    @Test
    void aWrongSecretIsRefused() {
        AgentHandshake real = AgentLoader.connect(jvm.pid(), true).client().handshake();
        AgentHandshake forged = new AgentHandshake(real.pid(), real.port(), "0".repeat(real.secret().length()),
                real.mode(), real.java(), real.file());
        assertThatThrownBy(() -> AgentClient.connect(forged)).isInstanceOf(TargetException.class)
                .hasMessageContaining("cannot talk to the mapdbg agent");
    }

    @Test
    void anUnknownRequestIsAOneLineError() {
        try (AgentClient client = AgentLoader.connect(jvm.pid(), true).client()) {
            assertThatThrownBy(() -> client.call("no-such-request", Map.of())).isInstanceOf(TargetException.class)
                    .hasMessage("the agent does not serve 'no-such-request'");
            // the connection still serves the next request
            assertThat(hello(client)).containsKey("java");
        }
    }

    static Map<String, String> hello(AgentClient client) {
        try {
            DataInputStream in = client.call("hello", Map.of());
            long pid = in.readLong();
            String java = in.readUTF();
            String mode = in.readUTF();
            int n = in.readInt();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < n; i++) {
                names.append(in.readUTF()).append(' ');
            }
            return Map.of("pid", Long.toString(pid), "java", java, "mode", mode, "requests", names.toString().trim());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
