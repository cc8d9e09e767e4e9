package io.mapdbg.script;

import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandException;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.model.Message;
import io.mapdbg.model.Result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a script file, and {@code source}: a script run inside a session, its results announced as they come. */
public final class Scripts {
    private Scripts() {
    }

    /** Reads and parses a script; IOException as a one-line CommandException (exit code 2). */
    public static TraceScript read(String file, CommandRegistry registry) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new CommandException("cannot read script " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), 2);
        }
        return new ScriptParser(registry).parse(file, text);
    }

    /**
     * source FILE: parses the whole file first (a syntax error runs nothing), then runs it in this context; each
     * result and error is announced (printed as hits are) as it comes. Returns the summary line.
     */
    public static Message source(CommandContext context, String file, boolean strict) {
        Dispatcher dispatcher = new Dispatcher(CommandRegistry.standard());
        TraceScript script;
        try {
            script = read(file, dispatcher.registry());
        } catch (ScriptSyntaxException e) {
            throw new CommandException(e.getMessage(), 2);
        }
        ScriptSink sink = new ScriptSink() {
            @Override
            public void result(String f, Step step, String command, Result result, boolean json) {
                context.announce(result, json);
            }

            @Override
            public void error(String f, int line, String command, String message) {
                context.announce(new Message(f + ":" + line + ": " + message), false);
            }
        };
        ScriptRunner.Outcome outcome = new ScriptRunner(dispatcher, context, sink, strict).run(script);
        String summary = "source " + file + ": " + outcome.commands() + " command(s), " + outcome.failed() + " failed"
                + (outcome.hits() == 0 ? "" : ", " + outcome.hits() + " hit(s) in runs")
                + (outcome.stoppedBy() == null ? "" : "; stopped early: " + outcome.stoppedBy());
        if (ScriptRunner.NESTED.equals(outcome.stoppedBy())) {
            throw new NestedTooDeep(summary);
        }
        if (outcome.failed() > 0 && strict) {
            throw new CommandException(summary);
        }
        return new Message(summary);
    }
}
