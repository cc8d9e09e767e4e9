package io.mapdbg.breakpoints;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.RunReport;
import io.mapdbg.session.Session;
import io.mapdbg.session.events.EventLoop;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One {@code run}: opens a {@link RunWindow} on the breakpoints, resumes what is stopped, and waits on the
 * breakpoints' lock (every hit, clear and exit wakes it) until a bound is reached.
 */
final class Runs {
    private final Breakpoints breakpoints;
    private final Session session;

    Runs(Breakpoints breakpoints, Session session) {
        this.breakpoints = breakpoints;
        this.session = session;
    }

    /**
     * Lets the target run and handles its hits (printed, on-commands run, each stopped thread resumed once its hit
     * is out) until duration passes, hits hits were taken, a bound of limits is reached, nothing is left armed (when
     * unbounded or bounded by hits), the target exits, or the thread is interrupted. A break whose hit was the last
     * one wanted stays stopped; otherwise nothing stays stopped.
     */
    RunReport run(Duration duration, Long hits, RunLimits limits) {
        long start = System.nanoTime();
        long localEnd = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long end = Math.min(localEnd, limits.deadline());
        long globalLeft = limits.eventsLeft();
        long cap = Math.min(hits == null ? Long.MAX_VALUE : hits, globalLeft);
        EventLoop loop = session.events();
        RunWindow w = new RunWindow(cap);
        long seen = breakpoints.openWindow(w);
        int resumed = loop.resumeHeld();
        session.focus().clear();
        String outcome;
        try {
            outcome = cap == 0 ? "limit" : awaitRun(w, seen, end, localEnd, hits != null || duration == null);
            if (outcome.equals("hits") && (hits == null || globalLeft < hits)) { // the script's bound, not the run's
                outcome = "limit";
            }
        } finally {
            w.close();
            w.awaitSettled(5_000);
            breakpoints.closeWindow(w);
            breakpoints.drainFeed();
            limits.used(w.admitted());
        }
        BreakpointHit stop = null;
        if (outcome.equals("hits") && loop.heldCount() > 0) {
            stop = breakpoints.lastStop();
        } else {
            loop.resumeHeld();
            session.focus().clear();
        }
        return new RunReport(null, outcome, w.admitted(), (System.nanoTime() - start) / 1_000_000, resumed, stop,
                breakpoints.droppedAll(), outcome.equals("limit") ? limits.reached() : null);
    }

    private String awaitRun(RunWindow w, long seen, long end, long localEnd, boolean endWhenNothingArmed) {
        EventLoop loop = session.events();
        synchronized (breakpoints) {
            try {
                while (true) {
                    boolean done = w.done();
                    // settled: the stop's hit is counted as finished, so it is known whether it was the last one wanted
                    if (breakpoints.deliveredStopsLocked() > seen && !done && w.settled()) {
                        seen = breakpoints.deliveredStopsLocked(); // its hit and on-commands are out: let it run on
                        loop.resumeHeld();
                        session.focus().clear();
                        continue;
                    }
                    if (done) {
                        return "hits";
                    }
                    if (breakpoints.goneLocked()) {
                        return "target-exited";
                    }
                    if (endWhenNothingArmed && w.settled() && breakpoints.noneArmedLocked()) {
                        return "nothing-armed";
                    }
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return end == localEnd ? "duration" : "limit";
                    }
                    breakpoints.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }
}
