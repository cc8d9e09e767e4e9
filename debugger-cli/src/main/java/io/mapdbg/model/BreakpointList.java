package io.mapdbg.model;

import java.util.List;

/** The result of {@code breakpoints}: every breakpoint of this session, in the order they were set. */
public record BreakpointList(List<BreakpointInfo> breakpoints) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
