package io.mapdbg.model;

import java.util.List;

/**
 * Where a thread was started ({@code origin}, {@code thread ID origin}): the stack that called
 * {@code Thread.start} for it, read when it was started, java.lang.Thread's own frames left out. recorded is false
 * (startedBy and frames null) when the thread was started before {@code origin on}; note says so.
 */
public record ThreadOrigin(String type, ThreadRef thread, boolean recorded, ThreadRef startedBy, List<FrameInfo> frames,
                           boolean truncated, String note) implements Result {
    public ThreadOrigin {
        type = "origin";
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
