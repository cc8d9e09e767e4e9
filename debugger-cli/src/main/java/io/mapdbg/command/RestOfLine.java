package io.mapdbg.command;

import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;

/**
 * Lets a command take the rest of its line verbatim (an expression like {@code -hitcount >= 5}, a command line
 * for {@code on}): picocli would otherwise read words starting with '-' as options of this command.
 */
final class RestOfLine implements IParameterPreprocessor {
    /** Implemented by commands whose positional parameters end in free text. */
    interface Taker {
        /** Called with the current word on top of args; returns true when it consumed what it wanted. */
        boolean take(Stack<String> args);
    }

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
        return commandSpec.userObject() instanceof Taker t && t.take(args);
    }

    /** Pops every remaining word, in order. */
    static List<String> popAll(Stack<String> args) {
        List<String> out = new ArrayList<>();
        while (!args.isEmpty()) {
            out.add(args.pop());
        }
        return out;
    }
}
