package io.mapdbg.command;

import io.mapdbg.backend.UserError;
import io.mapdbg.model.Message;
import io.mapdbg.model.Result;
import io.mapdbg.breakpoints.ConditionCompiler;
import io.mapdbg.expr.ExpressionException;
import picocli.CommandLine;

import java.util.List;

/**
 * Turns a command line (already split into words) into a result: looks the command up in the registry,
 * parses its options with picocli, checks the state it needs, and runs it. Used by the one-shot command
 * line, the REPL and scripts alike. Nothing here prints.
 */
public final class Dispatcher {
    private final CommandRegistry registry;

    public Dispatcher(CommandRegistry registry) {
        this.registry = registry;
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** The outcome of one command: its result and whether the user asked for JSON. */
    public record Outcome(Result result, boolean json) {
    }

    public Outcome execute(List<String> words, CommandContext context) {
        if (words.isEmpty()) {
            throw new CommandException("empty command", 2);
        }
        CommandInfo info = registry.find(words.get(0)).orElseThrow(() -> unknown(words.get(0)));
        MapdbgCommand command = info.factory().get();
        CommandLine line = new CommandLine(command);
        try {
            CommandLine.ParseResult parsed = line.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            if (parsed.isUsageHelpRequested()) {
                return new Outcome(new Message(line.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()), false);
            }
        } catch (CommandLine.ParameterException e) {
            throw new CommandException(info.name() + ": " + Echo.of(e.getMessage()) + " (see: help " + info.name() + ")", 2);
        }
        if (info.needs() != Needs.NOTHING) { // a backend; a command that needs JDWP's features says so itself
            context.requireTarget();
        }
        try {
            return new Outcome(command.run(context), command.json());
        } catch (UserError e) { // a service's or backend's refusal: the command's own error, same line and exit code
            throw new CommandException(e.getMessage(), e.exitCode());
        }
    }

    /**
     * Parses and checks a command line without running it (picocli, {@link Checked}, a condition's syntax): what a
     * one-shot command does before it attaches or loads the agent. Throws CommandException (exit 2).
     */
    public void preflight(List<String> words) {
        CommandInfo info = registry.find(words.get(0)).orElseThrow(() -> unknown(words.get(0)));
        MapdbgCommand command = info.factory().get();
        try {
            if (new CommandLine(command).parseArgs(words.subList(1, words.size()).toArray(String[]::new))
                    .isUsageHelpRequested()) {
                return;
            }
        } catch (CommandLine.ParameterException e) {
            throw new CommandException(info.name() + ": " + Echo.of(e.getMessage()) + " (see: help " + info.name() + ")", 2);
        }
        if (command instanceof Checked checked) {
            checked.check();
        }
        if (command instanceof WithExpression w && !w.expressionWords().isEmpty()) {
            String text = String.join(" ", w.expressionWords());
            try {
                ConditionCompiler.checkSyntax(text);
            } catch (ExpressionException e) {
                throw new CommandException(info.name() + ": condition '" + Echo.of(text) + "': " + e.getMessage(), 2);
            }
        }
    }

    private CommandException unknown(String word) {
        List<String> close = registry.words().stream().filter(w -> w.startsWith(word.substring(0, 1))).toList();
        String hint = close.isEmpty() ? "" : " (did you mean: " + String.join(", ", close) + "?)";
        return new CommandException("unknown command '" + Echo.of(word) + "'" + hint + "; try help", 2);
    }
}
