package io.mapdbg.model;

/** The result of {@code frame <n>}: the focused thread's frame n, with its arguments and locals. */
public record FrameView(long threadId, String threadName, FrameInfo frame, boolean snapshot) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
