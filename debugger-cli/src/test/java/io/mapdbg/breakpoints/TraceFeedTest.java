package io.mapdbg.breakpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Message;
import io.mapdbg.model.Result;
import io.mapdbg.model.ThreadRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The printer's queue: bounded while the printer is stuck, in order, never losing a break hit or a notice. */
class TraceFeedTest {
    private static BreakpointHit hit(long n, boolean stopped) {
        return new BreakpointHit("hit", "t1", new ThreadRef("w", 1), "java.util.HashMap.putVal", null, "\"k\"", "\"v\"",
                null, null, null, n, stopped);
    }

    /** Records what it is told; the first hit blocks until released, as a terminal that stopped reading. */
    private static final class StuckListener implements BreakpointListener {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstHit = new CountDownLatch(1);
        final List<String> seen = new ArrayList<>();

        @Override
        public void hit(BreakpointHit hit, boolean json, List<String> onCommands) {
            firstHit.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (seen) {
                seen.add("hit " + hit.hit());
            }
        }

        @Override
        public void notice(Result notice, boolean json) {
            synchronized (seen) {
                seen.add(notice instanceof Message m ? m.text() : notice.toString());
            }
        }
    }

    @Test
    void aStuckPrinterHoldsAtMostTheCapacityAndTheRestIsDroppedWithoutWaiting() throws Exception {
        StuckListener listener = new StuckListener();
        TraceFeed feed = new TraceFeed(8, () -> listener, List::of);
        int accepted = 0;
        int dropped = 0;
        long t0 = System.nanoTime();
        for (int n = 1; n <= 100_000; n++) {
            if (feed.reserve()) {
                feed.queue(hit(n, false), false);
                accepted++;
                if (n == 1) {
                    assertThat(listener.firstHit.await(10, TimeUnit.SECONDS)).isTrue(); // the printer holds hit 1
                }
            } else {
                dropped++;
            }
            assertThat(feed.queued()).isLessThanOrEqualTo(8);
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("never waited for the printer").isLessThan(5);
        assertThat(accepted).isEqualTo(9); // the one being printed, and 8 waiting
        assertThat(dropped).isEqualTo(100_000 - 9);
        assertThat(feed.peak()).isLessThanOrEqualTo(8);
        feed.notice(new Message("done"), false);
        listener.release.countDown();
        feed.drain();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 9; n++) {
            expected.add("hit " + n);
        }
        expected.add("done");
        assertThat(listener.seen).containsExactlyElementsOf(expected);
        feed.stop();
        assertThat(feed.printerRunning()).isFalse();
    }

    @Test
    void aBreakHitIsDeliveredBeforeDeliverReturnsAndAfterwhatWasQueuedBeforeIt() {
        List<String> seen = new ArrayList<>();
        BreakpointListener listener = new BreakpointListener() {
            @Override
            public void hit(BreakpointHit hit, boolean json, List<String> onCommands) {
                seen.add((hit.stopped() ? "stop " : "hit ") + hit.hit());
            }

            @Override
            public void notice(Result notice, boolean json) {
            }
        };
        TraceFeed feed = new TraceFeed(100, () -> listener, List::of);
        for (int n = 1; n <= 50; n++) {
            assertThat(feed.reserve()).isTrue();
            feed.queue(hit(n, false), false);
        }
        feed.deliver(hit(51, true), false, List.of());
        assertThat(seen).hasSize(51).endsWith("stop 51");
        feed.stop();
        assertThat(feed.printerRunning()).isFalse();
        feed.notice(new Message("after a stop a new printer starts"), false);
        feed.drain();
        feed.stop();
    }
}
