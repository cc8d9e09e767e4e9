package io.mapdbg.render;

import io.mapdbg.backend.ValueHistory;
import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.BreakpointList;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Continued;
import io.mapdbg.model.FrameView;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.StackTrace;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.Variables;
import io.mapdbg.model.Detached;
import io.mapdbg.model.HelpText;
import io.mapdbg.model.InvokeSetting;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.Message;
import io.mapdbg.model.Printed;
import io.mapdbg.model.Result;
import io.mapdbg.model.TraceDropped;

/** Turns a result record into text for a terminal. With a value history (the REPL), maps get $N handles. */
public final class TextRenderer {
    private final ValueHistory history;

    /** history may be null (one-shot commands show no $N handles). */
    public TextRenderer(ValueHistory history) {
        this.history = history;
    }

    public String render(Result result) {
        if (result instanceof BucketLayout layout) {
            return new BucketLayoutText(history).render(layout);
        }
        if (result instanceof MapCensus census) {
            return new MapCensusText(history).render(census);
        }
        if (result instanceof ThreadList threads) {
            return ThreadListText.render(threads);
        }
        if (result instanceof io.mapdbg.model.BlockedReport report) {
            return BlockedReportText.render(report);
        }
        if (result instanceof io.mapdbg.model.RaceReport races) {
            return RaceReportText.render(races);
        }
        if (result instanceof StackProfile profile) {
            return StackProfileText.render(profile);
        }
        if (result instanceof StackTrace trace) {
            return StackTraceText.render(trace);
        }
        if (result instanceof FrameView frame) {
            return FrameViewText.render(frame);
        }
        if (result instanceof Variables variables) {
            return VariablesText.render(variables);
        }
        if (result instanceof HelpText help) {
            return HelpTextView.render(help);
        }
        if (result instanceof Printed printed) {
            return PrintedText.render(printed);
        }
        if (result instanceof InvokeSetting setting) {
            return PrintedText.render(setting);
        }
        if (result instanceof Message message) {
            return message.text();
        }
        if (result instanceof BreakpointHit hit) {
            return new BreakpointText(history).hit(hit);
        }
        if (result instanceof BreakpointInfo info) {
            return new BreakpointText(history).info(info);
        }
        if (result instanceof BreakpointList list) {
            return new BreakpointText(history).list(list);
        }
        if (result instanceof BreakpointsCleared cleared) {
            return new BreakpointText(history).cleared(cleared);
        }
        if (result instanceof Continued continued) {
            return new BreakpointText(history).continued(continued);
        }
        if (result instanceof TraceDropped dropped) {
            return new BreakpointText(history).dropped(dropped);
        }
        if (result instanceof io.mapdbg.model.RunReport run) {
            return ScriptText.run(run);
        }
        if (result instanceof io.mapdbg.model.ThreadOrigin origin) {
            return ScriptText.origin(origin);
        }
        if (result instanceof Detached detached) {
            return detached.target() == null ? "not attached" : "detached from " + detached.target();
        }
        return String.valueOf(result);
    }

    /** "$3 " in the REPL, "" elsewhere. */
    static String handle(ValueHistory history, long id) {
        return history == null ? "" : "$" + history.handleFor(id) + " ";
    }
}
