package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.examples.fixtures.SessionTarget;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KillTargetsAfterAll.class)
class SessionErrorsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIXTURE = SessionTarget.class.getName();

    @TempDir
    Path cacheDir;

    @Test
    void noSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        long pid = gone.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThatThrownBy(() -> Session.attach(new Target.Pid(pid), cacheDir))
                .isInstanceOf(TargetException.class)
                .hasMessage("no process with pid " + pid)
                .satisfies(e -> assertThat(((TargetException) e).exitCode()).isEqualTo(1));
    }

    @Test
    void notAJavaVmIsRefusedWithoutHarmingTheProcess() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertThatThrownBy(() -> Session.attach(new Target.Pid(sleep.pid()), cacheDir))
                    .isInstanceOf(TargetException.class)
                    .hasMessage("process " + sleep.pid() + " is not a Java VM");
            // the Attach API's SIGQUIT would have killed it: it must still be running
            assertThat(sleep.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroyForcibly();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jvmWithoutJdwpGetsTheRestartHint() {
        try (TargetJvm jvm = TargetJvm.startWithoutJdwp(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, WAIT);
            assertThatThrownBy(() -> Session.attach(new Target.Pid(jvm.pid()), cacheDir))
                    .isInstanceOf(TargetException.class)
                    .hasMessage("process " + jvm.pid() + " is a Java VM started without JDWP; restart it with "
                            + "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
            assertThat(jvm.isAlive()).isTrue();
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // a port that was free a moment ago and now has no listener
        }
        int closedPort = port;
        assertThatThrownBy(() -> Session.attach(new Target.Socket("127.0.0.1", closedPort), cacheDir))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("connection refused by 127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void malformedTargetIsAUsageError() {
        assertThatThrownBy(() -> Target.parse("my-server"))
                .isInstanceOf(TargetException.class)
                .satisfies(e -> assertThat(((TargetException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void targetKilledBeforeACall() throws Exception {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, WAIT);
            try (Session s = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                HeapObject names = s.resolveStaticPath(FIXTURE + ".NAMES");
                jvm.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                assertThatThrownBy(() -> names.read("java.util.HashMap", "size", "table"))
                        .isInstanceOf(TargetExitedException.class)
                        .hasMessageStartingWith(TargetExitedException.MESSAGE);
                assertThatThrownBy(() -> s.resolveStaticPath(FIXTURE + ".SYNCED"))
                        .isInstanceOf(TargetExitedException.class);
                assertThat(s.isAlive()).isFalse();
            } // close on a dead VM must not throw
        }
    }

    @Test
    void targetKilledDuringALongWalk() throws Exception {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, WAIT);
            try (Session s = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                HeapObject big = s.resolveStaticPath(FIXTURE + ".BIG_OBJECTS");
                assertThatThrownBy(() -> s.suspended(() -> {
                    for (int round = 0; round < 1_000; round++) {
                        big.arrayRange(0, 200_000);
                        if (round == 0) {
                            jvm.process().destroyForcibly(); // dies while the walk goes on
                        }
                    }
                    return null;
                })).isInstanceOf(TargetExitedException.class).hasMessageStartingWith(TargetExitedException.MESSAGE);
            }
        }
    }
}
