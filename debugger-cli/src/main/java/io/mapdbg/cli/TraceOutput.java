package io.mapdbg.cli;

import io.mapdbg.breakpoints.BreakpointListener;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Message;
import io.mapdbg.model.OnCommandResult;
import io.mapdbg.model.Result;
import io.mapdbg.model.ScriptLineError;
import io.mapdbg.model.ScriptLineResult;
import io.mapdbg.model.ScriptNotice;
import io.mapdbg.model.TraceDropped;
import io.mapdbg.render.Json;
import io.mapdbg.frontend.Output;
import io.mapdbg.repl.Words;
import io.mapdbg.script.ScriptSink;
import io.mapdbg.script.Step;
import io.mapdbg.session.TargetText;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code mapdbg trace} prints: each script line's result, each hit with the results of its on-commands, and
 * notices, as text (errors as {@code file:line: message} on err) or, with --json, as one JSON object per line on
 * out, each with a type: "result", "error", "hit", "on", "notice", "dropped", and "end" last. Lines come from the
 * script's thread and from the printer thread; each is printed whole.
 */
final class TraceOutput implements ScriptSink, BreakpointListener {
    private final Dispatcher dispatcher;
    private final CommandContext context;
    private final Output output;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final Map<String, Integer> onLines = new ConcurrentHashMap<>(); // "bp\0command" -> script line
    private volatile String file;

    TraceOutput(Dispatcher dispatcher, CommandContext context, Output output, boolean json) {
        this.dispatcher = dispatcher;
        this.context = context;
        this.output = output;
        this.out = output.out();
        this.err = output.err();
        this.json = json;
    }

    @Override
    public void result(String f, Step step, String command, Result result, boolean lineJson) {
        file = f;
        if (json) {
            println(Json.render(new ScriptLineResult(null, f, step.line(), command, result)));
        } else {
            println(output.format(result, lineJson));
        }
    }

    @Override
    public void error(String f, int line, String command, String message) {
        file = f;
        if (json) {
            println(Json.render(new ScriptLineError(null, f, line, command, null, message)));
        }
        synchronized (this) {
            err.println(TargetText.clean(f + ":" + line + ": " + message));
            err.flush();
        }
    }

    @Override
    public void onCommand(String f, int line, String breakpoint, String command) {
        file = f;
        onLines.put(breakpoint + "\0" + command, line);
    }

    @Override
    public void hit(BreakpointHit hit, boolean hitJson, java.util.List<String> onCommands) {
        println(json ? Json.render(hit) : output.format(hit, hitJson));
        for (String line : onCommands) {
            try {
                Words.Split split = Words.splitKeepingSource(line);
                context.line(split.words(), split.source());
                Dispatcher.Outcome outcome = dispatcher.execute(split.words(), context);
                println(json ? Json.render(new OnCommandResult(null, hit.breakpoint(), hit.hit(), line, outcome.result()))
                        : output.format(outcome.result(), outcome.json()));
            } catch (RuntimeException e) {
                int at = onLines.getOrDefault(hit.breakpoint() + "\0" + line, 0);
                String message = "on " + hit.breakpoint() + ": " + line + ": " + e.getMessage();
                if (json) {
                    println(Json.render(new ScriptLineError(null, file, at, line, hit.breakpoint(), message)));
                }
                synchronized (this) {
                    err.println(TargetText.clean((file == null ? "mapdbg:" : at > 0 ? file + ":" + at + ":" : file + ":") + " " + message));
                    err.flush();
                }
            } finally {
                context.finishProgress();
            }
        }
    }

    @Override
    public void notice(Result notice, boolean noticeJson) {
        if (!json) {
            println(output.format(notice, noticeJson));
        } else if (notice instanceof TraceDropped || notice instanceof BreakpointHit) {
            println(Json.render(notice));
        } else if (notice instanceof Message m) {
            println(Json.render(new ScriptNotice(null, m.text(), null)));
        } else {
            println(Json.render(new ScriptNotice(null, null, notice)));
        }
    }

    synchronized void println(String line) {
        out.println(TargetText.clean(line));
        out.flush();
    }
}
