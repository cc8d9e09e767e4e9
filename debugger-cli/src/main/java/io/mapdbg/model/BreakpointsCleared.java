package io.mapdbg.model;

import java.util.List;

/** {@code clear}/{@code clearall}: the breakpoints disarmed, and how many stopped threads were resumed. */
public record BreakpointsCleared(List<String> names, int resumedThreads) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
