package io.mapdbg.model;

/**
 * A view of every kind of {@link Result}, one method each: {@code result.accept(view)} picks the one for it, so a
 * view (the text renderer) is complete by construction, without a chain of instanceof tests.
 */
public interface ResultView<T> {
    T view(BucketLayout layout);

    T view(MapCensus census);

    T view(ThreadList threads);

    T view(BlockedReport report);

    T view(RaceReport races);

    T view(StackProfile profile);

    T view(StackTrace trace);

    T view(FrameView frame);

    T view(Variables variables);

    T view(HelpText help);

    T view(Printed printed);

    T view(InvokeSetting setting);

    T view(Message message);

    T view(Detached detached);

    T view(CutShort cut);

    T view(ThreadOrigin origin);

    T view(BreakpointHit hit);

    T view(BreakpointInfo info);

    T view(BreakpointList list);

    T view(BreakpointsCleared cleared);

    T view(Continued continued);

    T view(TraceDropped dropped);

    T view(RunReport run);

    T view(ScriptLineResult line);

    T view(ScriptLineError error);

    T view(OnCommandResult on);

    T view(ScriptNotice notice);

    T view(ScriptEnd end);
}
