package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.request.EventRequestManager;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.command.ProgressSink;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.examples.fixtures.WritersFixture;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** clearall and detach leave no event request in the target, and the writers run on. */
@ExtendWith(KillTargetsAfterAll.class)
class BreakpointRequestsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern ROUND = Pattern.compile("round (\\d+)");
    private static final String ORDERS = WritersFixture.class.getName() + ".ORDERS";

    @TempDir
    Path cacheDir;

    @Test
    void clearallAndDetachLeaveNoRequestAndTheWritersRunOn() {
        try (TargetJvm jvm = TargetJvm.start(WritersFixture.class)) {
            jvm.awaitLine("READY"::equals, WAIT);
            Dispatcher dispatcher = new Dispatcher(CommandRegistry.standard());
            try (Session s = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                CommandContext context = new CommandContext(s, new ValueHistory(), ProgressSink.NONE, true);
                dispatcher.execute(List.of("trace", "mapassign", "--map", ORDERS), context);
                dispatcher.execute(List.of("break", "late", WritersFixture.class.getName() + "$Late.record"), context);
                dispatcher.execute(List.of("break", "w", "mapassign", "--thread", "writer-orders"), context);
                assertThat(requests(s.vm().eventRequestManager())).isGreaterThan(0);
                var cleared = (BreakpointsCleared) dispatcher.execute(List.of("clearall"), context).result();
                assertThat(cleared.names()).containsExactly("b1", "late", "w");
                assertThat(requests(s.vm().eventRequestManager())).isZero();
                // armed again, and left armed: detach must take it away and resume the stopped writer
                dispatcher.execute(List.of("break", "mapassign", "--thread", "writer-orders"), context);
            }
            long seen = round(jvm.awaitLine(l -> ROUND.matcher(l).matches(), WAIT));
            jvm.awaitLine(l -> ROUND.matcher(l).matches() && round(l) > seen + 1, WAIT);
            try (Session again = Session.attach(new Target.Pid(jvm.pid()), cacheDir)) {
                assertThat(requests(again.vm().eventRequestManager())).isZero();
            }
        }
    }

    private static int requests(EventRequestManager erm) {
        return erm.breakpointRequests().size() + erm.classPrepareRequests().size() + erm.methodExitRequests().size()
                + erm.methodEntryRequests().size() + erm.stepRequests().size();
    }

    private static long round(String line) {
        Matcher m = ROUND.matcher(line);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
