package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

@Command(name = "cond", aliases = {"condition"},
        description = {"Set or remove a breakpoint's condition.",
                "",
                "cond BP CONDITION, e.g. cond b1 key == \"order-7\", cond b1 -hitcount >= 5 (hitcount counts the hits "
                        + "that passed --map and --thread, this one included); cond BP alone removes it."})
public final class CondCommand implements MapdbgCommand, RestOfLine.Taker, WithExpression {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "BP", preprocessor = RestOfLine.class, description = "The breakpoint's name.")
    String bp;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "CONDITION", description = "The condition; none removes it.")
    List<String> expression = new ArrayList<>();

    @Override
    public boolean take(Stack<String> args) {
        bp = args.pop();
        expression = RestOfLine.popAll(args);
        return true;
    }

    @Override
    public List<String> expressionWords() {
        return expression;
    }

    @Override
    public Result run(CommandContext context) {
        try {
            return context.breakpointService().condition(bp, context.sourceOf(expression));
        } catch (IllegalArgumentException e) {
            throw new CommandException("cond: " + e.getMessage(), 2);
        }
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
