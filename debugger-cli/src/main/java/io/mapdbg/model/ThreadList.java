package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code threads}: the threads that passed the filters (matched of total), each with its top
 * frame, ordered by id. truncated when {@code --top} cut the list. pauseMillis: how long the target was
 * suspended to read them.
 */
public record ThreadList(int total, int matched, List<ThreadInfo> threads, boolean truncated, long pauseMillis)
        implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
