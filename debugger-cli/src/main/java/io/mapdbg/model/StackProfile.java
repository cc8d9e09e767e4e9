package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code threads --group}: groups of threads with identical stacks, largest first (ties: by the
 * lowest thread id), over the matched threads of total. truncated when {@code --top} cut the list of groups.
 */
public record StackProfile(int total, int matched, List<StackGroup> groups, boolean truncated, long pauseMillis)
        implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
