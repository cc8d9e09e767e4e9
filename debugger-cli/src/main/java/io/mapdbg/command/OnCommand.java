package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

@Command(name = "on",
        description = {"Run a mapdbg command at each hit of a breakpoint, e.g. on w stack 8, on w buckets $1.",
                "",
                "The command runs through the same dispatcher as the prompt, while the hitting thread is still stopped "
                        + "(for a trace too), with that thread in focus; its output prints under the hit. Several on "
                        + "commands run in the order they were given. In a script, on BP { ... } takes a block: one command per line, "
                        + "then a line }."})
public final class OnCommand implements MapdbgCommand, RestOfLine.Taker {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "BP", preprocessor = RestOfLine.class, description = "The breakpoint's name.")
    String bp;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "The command line to run (required; the rest of the line, options included).")
    List<String> command = new ArrayList<>();

    @Override
    public boolean take(Stack<String> args) {
        bp = args.pop();
        command = RestOfLine.popAll(args);
        if (command.isEmpty()) {
            throw new CommandException("on: which command? on BP COMMAND...", 2);
        }
        if (command.get(0).equals("{") || command.get(0).equals("}")) {
            throw new CommandException("on: a block (on BP { ... }) is for scripts (source, mapdbg trace); here give one command per on", 2);
        }
        return true;
    }

    @Override
    public Result run(CommandContext context) {
        try {
            return context.breakpointService().on(bp, line(context));
        } catch (IllegalArgumentException e) {
            throw new CommandException("on: " + e.getMessage(), 2);
        }
    }

    /** The command as the REPL line wrote it (its quotes kept: on w print key == "a b"), else the words requoted. */
    private String line(CommandContext context) {
        String source = context.sourceOf(command);
        return source.equals(String.join(" ", command)) ? String.join(" ", command.stream().map(OnCommand::requote).toList())
                : source;
    }

    /** Words go back into one line that the splitter reads again: quote those it would split or eat. */
    static String requote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == '#')) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
