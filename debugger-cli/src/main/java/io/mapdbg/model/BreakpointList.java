package io.mapdbg.model;

import java.util.List;

/** The result of {@code breakpoints}: every breakpoint of this session, in the order they were set. */
public record BreakpointList(List<BreakpointInfo> breakpoints) implements Result {
}
