package io.mapdbg.repl;

import io.mapdbg.breakpoints.BreakpointListener;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Result;
import io.mapdbg.frontend.Output;

import java.util.List;
import java.util.function.Consumer;

/**
 * Prints what breakpoints publish (hits, notices) as they come, above the prompt in a terminal, and runs each
 * breakpoint's {@code on} commands through the same dispatcher as the prompt while the hitting thread is stopped.
 * Runs on the breakpoints' printer thread.
 */
public final class HitPrinter implements BreakpointListener {
    private final Dispatcher dispatcher;
    private final CommandContext context;
    private final Output output;
    private final Consumer<String> lines;

    public HitPrinter(Dispatcher dispatcher, CommandContext context, Output output, Consumer<String> lines) {
        this.dispatcher = dispatcher;
        this.context = context;
        this.output = output;
        this.lines = lines;
    }

    @Override
    public void hit(BreakpointHit hit, boolean json, List<String> onCommands) {
        lines.accept(output.format(hit, json));
        for (String line : onCommands) {
            try {
                Words.Split split = Words.splitKeepingSource(line);
                context.line(split.words(), split.source());
                Dispatcher.Outcome outcome = dispatcher.execute(split.words(), context);
                lines.accept(output.format(outcome.result(), outcome.json()));
            } catch (RuntimeException e) {
                lines.accept("mapdbg: on " + hit.breakpoint() + ": " + line + ": " + e.getMessage());
            } finally {
                context.finishProgress();
            }
        }
    }

    @Override
    public void notice(Result notice, boolean json) {
        lines.accept(output.format(notice, json));
    }
}
