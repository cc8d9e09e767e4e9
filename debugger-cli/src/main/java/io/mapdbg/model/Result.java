package io.mapdbg.model;

/**
 * A command's result, or a line a trace prints: immutable, rendered as text by render, serialised to JSON by Jackson
 * from the same record. One sealed family: a new result is added to permits and to {@link ResultView}, and the
 * compiler then names every view that has no text for it yet.
 */
public sealed interface Result permits
        // what commands return
        BucketLayout, MapCensus, ThreadList, BlockedReport, RaceReport, StackProfile, StackTrace, FrameView, Variables,
        HelpText, Printed, InvokeSetting, Message, Detached, CutShort, ThreadOrigin,
        // breakpoints and runs
        BreakpointHit, BreakpointInfo, BreakpointList, BreakpointsCleared, Continued, TraceDropped, RunReport,
        // the lines of trace --json that wrap the others
        ScriptLineResult, ScriptLineError, OnCommandResult, ScriptNotice, ScriptEnd {

    /** Calls the view's method for this kind of result (Java 17 has no pattern switch: this is its exhaustive stand-in). */
    <T> T accept(ResultView<T> view);
}
