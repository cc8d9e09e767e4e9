package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code stack} and {@code thread}: one thread and its top frames with arguments (and locals
 * with {@code --full}). truncated when the stack has more frames than shown. snapshot: the thread was running
 * and mapdbg suspended it just for the read, so the values are a snapshot of a moving thread; false when it
 * was already stopped (a breakpoint, a suspend). selectedFrame is the focused frame index.
 */
public record StackTrace(ThreadInfo thread, List<FrameInfo> frames, boolean truncated, boolean snapshot,
                         int selectedFrame) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
