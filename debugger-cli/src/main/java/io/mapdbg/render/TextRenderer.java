package io.mapdbg.render;

import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.BreakpointList;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Continued;
import io.mapdbg.model.CutShort;
import io.mapdbg.model.Detached;
import io.mapdbg.model.FrameView;
import io.mapdbg.model.HelpText;
import io.mapdbg.model.InvokeSetting;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.Message;
import io.mapdbg.model.OnCommandResult;
import io.mapdbg.model.Printed;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.Result;
import io.mapdbg.model.ResultView;
import io.mapdbg.model.RunReport;
import io.mapdbg.model.ScriptEnd;
import io.mapdbg.model.ScriptLineError;
import io.mapdbg.model.ScriptLineResult;
import io.mapdbg.model.ScriptNotice;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.StackTrace;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.ThreadOrigin;
import io.mapdbg.model.TraceDropped;
import io.mapdbg.model.Variables;

/**
 * Turns a result record into text for a terminal: the text view of each kind of result, one method each. With
 * handles (the REPL), maps get $N handles.
 */
public final class TextRenderer implements ResultView<String> {
    private final Handles handles;
    private final BreakpointText breakpoints;

    /** handles may be null (one-shot commands show no $N handles). */
    public TextRenderer(Handles handles) {
        this.handles = handles;
        this.breakpoints = new BreakpointText(handles);
    }

    public String render(Result result) {
        return result.accept(this);
    }

    @Override
    public String view(BucketLayout layout) {
        return new BucketLayoutText(handles).render(layout);
    }

    @Override
    public String view(MapCensus census) {
        return new MapCensusText(handles).render(census);
    }

    @Override
    public String view(ThreadList threads) {
        return ThreadListText.render(threads);
    }

    @Override
    public String view(BlockedReport report) {
        return BlockedReportText.render(report);
    }

    @Override
    public String view(RaceReport races) {
        return RaceReportText.render(races);
    }

    @Override
    public String view(StackProfile profile) {
        return StackProfileText.render(profile);
    }

    @Override
    public String view(StackTrace trace) {
        return StackTraceText.render(trace);
    }

    @Override
    public String view(FrameView frame) {
        return FrameViewText.render(frame);
    }

    @Override
    public String view(Variables variables) {
        return VariablesText.render(variables);
    }

    @Override
    public String view(HelpText help) {
        return HelpTextView.render(help);
    }

    @Override
    public String view(Printed printed) {
        return PrintedText.render(printed);
    }

    @Override
    public String view(InvokeSetting setting) {
        return PrintedText.render(setting);
    }

    @Override
    public String view(Message message) {
        return message.text();
    }

    @Override
    public String view(Detached detached) {
        return detached.target() == null ? "not attached" : "detached from " + detached.target();
    }

    @Override
    public String view(ThreadOrigin origin) {
        return ScriptText.origin(origin);
    }

    @Override
    public String view(BreakpointHit hit) {
        return breakpoints.hit(hit);
    }

    @Override
    public String view(BreakpointInfo info) {
        return breakpoints.info(info);
    }

    @Override
    public String view(BreakpointList list) {
        return breakpoints.list(list);
    }

    @Override
    public String view(BreakpointsCleared cleared) {
        return breakpoints.cleared(cleared);
    }

    @Override
    public String view(Continued continued) {
        return breakpoints.continued(continued);
    }

    @Override
    public String view(TraceDropped dropped) {
        return breakpoints.dropped(dropped);
    }

    @Override
    public String view(RunReport run) {
        return ScriptText.run(run);
    }

    // The rest have no text of their own: the front end prints a cut-short result and its reason apart, and the
    // wrapping lines exist in trace --json only. Shown as the record, as they always were.

    @Override
    public String view(CutShort cut) {
        return String.valueOf(cut);
    }

    @Override
    public String view(ScriptLineResult line) {
        return String.valueOf(line);
    }

    @Override
    public String view(ScriptLineError error) {
        return String.valueOf(error);
    }

    @Override
    public String view(OnCommandResult on) {
        return String.valueOf(on);
    }

    @Override
    public String view(ScriptNotice notice) {
        return String.valueOf(notice);
    }

    @Override
    public String view(ScriptEnd end) {
        return String.valueOf(end);
    }

    /** "$3 " in the REPL, "" elsewhere. */
    static String handle(Handles handles, long id) {
        return handles == null ? "" : "$" + handles.handleFor(id) + " ";
    }
}
