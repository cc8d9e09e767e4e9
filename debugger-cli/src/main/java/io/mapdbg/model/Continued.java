package io.mapdbg.model;

/**
 * {@code continue}: how many stopped threads were resumed, and why the wait ended. outcome is "stopped" (stop is
 * the hit), "running" (did not wait), "nothing-armed" (no breakpoint left to wait for), "interrupted" (Ctrl-C)
 * or "target-exited". dropped is how many trace events of this session were not printed so far because the
 * printer could not keep up (its queue is bounded).
 */
public record Continued(int resumed, String outcome, BreakpointHit stop, long dropped) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
