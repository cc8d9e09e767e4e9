package io.mapdbg.script;

import com.sun.jdi.VMDisconnectedException;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandException;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.inspect.NotAHashMapException;
import io.mapdbg.model.Detached;
import io.mapdbg.model.Message;
import io.mapdbg.model.Result;
import io.mapdbg.model.RunReport;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetExitedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a parsed script line by line through the same dispatcher and context as the REPL. A line that fails is
 * reported as {@code file:line: message} and the script goes on, unless strict. The script stops early at
 * detach, when the target exits, on interruption (Ctrl-C, SIGTERM), or when a bound of the whole script
 * (--duration, --max-events) is reached.
 */
public final class ScriptRunner {
    static final int MAX_DEPTH = 8;
    static final String NESTED = "scripts nested too deep";

    /** How the script ended: stoppedBy is null when it ran to its end. */
    public record Outcome(int commands, int failed, long hits, String stoppedBy, boolean targetGone) {
    }

    private final Dispatcher dispatcher;
    private final CommandContext context;
    private final ScriptSink sink;
    private final boolean strict;
    private int commands;
    private int failed;
    private long hits;
    private String stoppedBy;
    private boolean targetGone;
    private boolean lastJson; // whether the last command that ran asked for --json

    public ScriptRunner(Dispatcher dispatcher, CommandContext context, ScriptSink sink, boolean strict) {
        this.dispatcher = dispatcher;
        this.context = context;
        this.sink = sink;
        this.strict = strict;
    }

    public Outcome run(TraceScript script) {
        if (context.enterScript() > MAX_DEPTH) {
            context.leaveScript();
            throw new NestedTooDeep("source: scripts nested deeper than " + MAX_DEPTH + " (a script that sources itself?)");
        }
        try {
            for (Step step : script.steps()) {
                if (stopped()) {
                    break;
                }
                if (step instanceof Step.Line line) {
                    line(script.file(), line);
                } else if (step instanceof Step.OnBlock block) {
                    block(script.file(), block);
                }
            }
            return new Outcome(commands, failed, hits, stoppedBy, targetGone);
        } finally {
            context.leaveScript();
        }
    }

    private boolean stopped() {
        if (stoppedBy == null && Thread.currentThread().isInterrupted()) {
            stoppedBy = "interrupted";
        }
        if (stoppedBy == null && context.limits().reached() != null) {
            stoppedBy = context.limits().reached();
        }
        return stoppedBy != null;
    }

    private void line(String file, Step.Line line) {
        Result result = execute(file, line.line(), line.text(), line.words(), line.source());
        if (result == null) {
            return;
        }
        if (line.words().size() >= 3 && isOn(line.words().get(0))) {
            String command = String.join(" ", line.source().subList(2, line.source().size()));
            sink.onCommand(file, line.line(), line.words().get(1), command);
            // the breakpoint was listed when it was set: say what was added, not the whole listing again
            result = onHit(line.words().get(1), List.of(command));
        }
        sink.result(file, line, line.text(), result, lastJson);
        if (result instanceof Detached) {
            stoppedBy = "detach";
        } else if (result instanceof RunReport run) {
            hits += run.hits();
            switch (run.outcome()) {
                case "limit" -> stoppedBy = run.limit() != null ? run.limit() : context.limits().reached();
                case "interrupted" -> stoppedBy = "interrupted";
                case "target-exited" -> {
                    stoppedBy = "target-exited";
                    targetGone = true;
                }
                default -> {
                }
            }
        }
    }

    private boolean isOn(String word) {
        return dispatcher.registry().find(word).map(c -> c.name().equals("on")).orElse(false);
    }

    private void block(String file, Step.OnBlock block) {
        Result last = null;
        for (Step.Line body : block.body()) {
            List<String> words = new ArrayList<>(List.of("on", block.breakpoint()));
            words.addAll(body.words());
            List<String> source = new ArrayList<>(List.of("on", block.breakpoint()));
            source.addAll(body.source());
            Result r = execute(file, body.line(), "on " + block.breakpoint() + " " + body.text(), words, source);
            if (r != null) {
                sink.onCommand(file, body.line(), block.breakpoint(), body.text());
                last = r;
            }
            if (stoppedBy != null) {
                return;
            }
        }
        if (last != null) {
            sink.result(file, block, "on " + block.breakpoint() + " {...}",
                    onHit(block.breakpoint(), block.body().stream().map(Step.Line::text).toList()), lastJson);
        }
    }

    private static Message onHit(String breakpoint, List<String> commands) {
        return new Message(breakpoint + ": on hit: " + String.join("; ", commands));
    }

    /** Runs one command; null when it failed (reported to the sink). */
    private Result execute(String file, int lineNo, String text, List<String> words, List<String> source) {
        commands++;
        context.line(words, source);
        String error;
        try {
            Dispatcher.Outcome outcome = dispatcher.execute(words, context);
            context.finishProgress();
            lastJson = outcome.json();
            return outcome.result();
        } catch (TargetExitedException | VMDisconnectedException e) {
            error = words.get(0) + ": the target VM exited (or closed the connection)";
            context.detached();
            targetGone = true;
            stoppedBy = "target-exited";
        } catch (NestedTooDeep e) {
            error = e.getMessage();
            stoppedBy = NESTED; // this script ends too, and so does every one that sourced it
        } catch (CommandException | TargetException e) {
            error = e.getMessage();
        } catch (NotAHashMapException e) {
            error = words.get(0) + ": " + e.getMessage();
        } catch (RuntimeException e) {
            error = words.get(0) + " failed: " + e;
        } finally {
            context.finishProgress();
        }
        context.failProgress();
        failed++;
        sink.error(file, lineNo, text, error);
        if (strict && stoppedBy == null) {
            stoppedBy = "strict";
        }
        return null;
    }
}
