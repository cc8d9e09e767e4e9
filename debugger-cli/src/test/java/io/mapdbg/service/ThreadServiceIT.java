package io.mapdbg.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.backend.jdwp.JdwpThreads;
import io.mapdbg.examples.fixtures.ThreadsFixture;
import io.mapdbg.model.StackTrace;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.Variables;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.testing.KillTargetsAfterAll;
import io.mapdbg.testing.TargetJvm;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A thread stopped by an event stays stopped through the VM-wide pause of threads and the reads of stack and
 * args; a running thread read by stack is resumed after. Uses a raw JDI breakpoint: the breakpoint commands are
 * built elsewhere.
 */
@ExtendWith(KillTargetsAfterAll.class)
class ThreadServiceIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aThreadStoppedAtABreakpointStaysStoppedAndShowsItsArguments() throws Exception {
        try (TargetJvm jvm = TargetJvm.start(ThreadsFixture.class);
             Session session = attach(jvm)) {
            ReferenceType fixture = session.vm().classesByName(ThreadsFixture.class.getName()).get(0);
            Location beat = fixture.methodsByName("beat").get(0).location();
            BreakpointRequest request = session.vm().eventRequestManager().createBreakpointRequest(beat);
            request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            request.addCountFilter(1);
            request.enable();
            ThreadReference stopped = awaitBreakpoint(session);
            ThreadService service = new ThreadService(session);
            assertThat(stopped.suspendCount()).isEqualTo(1);

            StackTrace stack = service.stack(stopped, 3, false, 0);
            assertThat(stack.snapshot()).isFalse();
            assertThat(stack.frames().get(0).method()).isEqualTo("beat");
            assertThat(stack.frames().get(0).arguments()).extracting(v -> v.name() + "=" + v.value())
                    .containsExactly("n=" + stack.frames().get(0).arguments().get(0).value(), "word=\"beat\"");
            long n = Long.parseLong(stack.frames().get(0).arguments().get(0).value());
            assertThat(n).isPositive();
            Variables args = service.variables(stopped, 0, false);
            assertThat(args.variables().get(0).value()).isEqualTo(Long.toString(n));

            ThreadList list = (ThreadList) new JdwpThreads(session).threads(new ThreadQuery(null,
                    Pattern.compile("^fixture-heartbeat$"), 0, false, 0));
            ThreadInfo heartbeat = list.threads().get(0);
            assertThat(heartbeat.topFrame().method()).isEqualTo("beat");
            assertThat(heartbeat.state()).isEqualTo("RUNNABLE"); // stopped at a breakpoint, not waiting

            assertThat(stopped.suspendCount()).as("still stopped by the event, once").isEqualTo(1);
            assertThat(jvm.output()).noneMatch(l -> l.equals("beat " + n)); // beat(n) has not printed yet
            session.vm().eventRequestManager().deleteEventRequest(request);
            stopped.resume();
            jvm.awaitLine(l -> l.equals("beat " + (n + 2)), BOUND);
        }
    }

    @Test
    void aRunningThreadIsSuspendedOnlyForTheRead() throws Exception {
        try (TargetJvm jvm = TargetJvm.start(ThreadsFixture.class);
             Session session = attach(jvm)) {
            ThreadService service = new ThreadService(session);
            ThreadReference settler = service.find("fixture-settler");
            StackTrace stack = service.stack(settler, 0, true, 0);
            assertThat(stack.snapshot()).isTrue();
            assertThat(stack.truncated()).isFalse();
            assertThat(stack.frames()).hasSize(stack.thread().frameCount());
            assertThat(settler.suspendCount()).isZero();
            new JdwpThreads(session).threads(new ThreadQuery(null, null, 0, true, 0));
            for (ThreadReference t : session.vm().allThreads()) {
                assertThat(t.suspendCount()).as(t.name()).isZero();
            }
        }
    }

    private static Session attach(TargetJvm jvm) throws Exception {
        jvm.awaitLine("READY"::equals, BOUND);
        return Session.attach(new Target.Pid(jvm.pid()), Files.createTempDirectory("mapdbg-cache"));
    }

    private static ThreadReference awaitBreakpoint(Session session) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            EventSet set = session.vm().eventQueue().remove(1000);
            if (set == null) {
                continue;
            }
            for (Event e : set) {
                if (e instanceof BreakpointEvent b) {
                    return b.thread(); // the set stays unresumed: the thread stays stopped
                }
            }
            set.resume();
        }
        throw new AssertionError("no breakpoint hit within " + BOUND);
    }
}
