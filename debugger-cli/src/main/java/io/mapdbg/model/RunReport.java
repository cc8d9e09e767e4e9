package io.mapdbg.model;

/**
 * {@code run} (and {@code continue} in a script): hits taken while it ran, how long it ran, and why it ended:
 * "duration" (its time was up), "hits" (run until N hits), "limit" (a bound of the whole script: limit names it,
 * e.g. "--max-events 100"), "nothing-armed", "interrupted" (Ctrl-C) or "target-exited". stop is the hit whose
 * thread is still stopped (a break that was the last hit), else null. dropped counts this session's trace hits
 * not printed (the printer's queue was full).
 */
public record RunReport(String type, String outcome, long hits, long millis, int resumed, BreakpointHit stop,
                        long dropped, String limit) implements Result {
    public RunReport {
        type = "run";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
