package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jdi.ReferenceType;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import io.mapdbg.examples.fixtures.SessionTarget;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KillTargetsAfterAll.class)
class SessionAttachIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path cacheDir;

    @Test
    void attachByPidAndBySocket() {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class)) {
            jvm.awaitLine("READY"::equals, WAIT);
            int port = jvm.jdwpPort();
            try (Session s = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                assertThat(s.describe()).startsWith("pid " + jvm.pid() + ", ").containsPattern("VM \\d+");
                assertThat(s.isAlive()).isTrue();
                assertThat(s.launchedPid()).isEmpty();
                assertThat(heartbeat(s)).isPositive();
            }
            // after a detach JDWP listens again, on a new port
            int next = jvm.awaitNewJdwpPort(port, WAIT);
            try (Session s = Session.attach(Target.parse(":" + next), cacheDir)) {
                assertThat(s.describe()).startsWith("127.0.0.1:" + next + ", ");
                assertThat(heartbeat(s)).isPositive();
            }
        }
    }

    @Test
    void detachLeavesTheTargetRunningAndReattachable() throws Exception {
        try (TargetJvm jvm = TargetJvm.start(SessionTarget.class, "heartbeat")) {
            jvm.awaitLine("READY"::equals, WAIT);
            Session s = Session.attach(new Target.Pid(jvm.pid()), cacheDir);
            // leave behind what a careless command would: a suspension, a breakpoint that suspends all, a pin
            ReferenceType atomic = s.vm().classesByName("java.util.concurrent.atomic.AtomicLong").get(0);
            BreakpointRequest bp = s.vm().eventRequestManager().createBreakpointRequest(
                    atomic.methodsByName("incrementAndGet").get(0).location());
            bp.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            bp.enable();
            s.pin(s.resolveStaticPath(SessionTarget.class.getName() + ".NAMES"));
            s.suspended(() -> s.suspended(() -> null)); // nests
            s.vm().suspend(); // a raw suspension nobody undid
            s.close();
            s.close(); // idempotent
            assertThat(s.isAlive()).isFalse();

            // the heartbeat goes on: two new beats after the close
            String first = jvm.awaitLine(l -> l.startsWith("beat "), WAIT);
            long n = Long.parseLong(first.substring(5));
            jvm.awaitLine(l -> l.startsWith("beat ") && Long.parseLong(l.substring(5)) > n + 1, WAIT);
            assertThat(jvm.isAlive()).isTrue();

            try (Session again = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                assertThat(again.vm().eventRequestManager().breakpointRequests()).isEmpty();
                assertThat(heartbeat(again)).isGreaterThan(n);
            }
        }
    }

    @Test
    void launchStartsAttachesPumpsOutputAndKillsOnClose() throws Exception {
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        Session s = Session.launch(List.of("-cp", TargetJvm.classpathOf(SessionTarget.class),
                SessionTarget.class.getName(), "heartbeat"), null, out::add);
        long pid;
        try {
            pid = s.launchedPid().orElseThrow();
            assertThat(s.describe()).startsWith("pid " + pid + " (launched), ");
            assertThat(poll(out, "READY")).isTrue();
            assertThat(poll(out, "beat 3")).isTrue();
            assertThat(heartbeat(s)).isPositive();
        } finally {
            s.close();
        }
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h != null) {
            h.onExit().get(5, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void launchThatDiesBeforeListeningSaysWhy() {
        assertThatThrownBy(() -> Session.launch(List.of("-XX:+NoSuchMapdbgOption", "-version"), null, l -> {}))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("exited")
                .hasMessageContaining("NoSuchMapdbgOption");
    }

    @Test
    void launchWithABadJavaHomeSaysSo() {
        assertThatThrownBy(() -> Session.launch(List.of("-version"), Path.of("/no/such/jdk"), l -> {}))
                .isInstanceOf(TargetException.class)
                .hasMessage("no java executable at /no/such/jdk/bin/java");
    }

    private static long heartbeat(Session s) {
        return (Long) s.resolveStaticPath(SessionTarget.class.getName() + ".HEARTBEAT")
                .read("java.util.concurrent.atomic.AtomicLong", "value").get("value");
    }

    private static boolean poll(BlockingQueue<String> out, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String l; (l = out.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (l.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
