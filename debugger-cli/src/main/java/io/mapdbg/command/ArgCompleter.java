package io.mapdbg.command;

import java.util.List;

/** Suggests words for a command's arguments (option names come from the command's own spec). */
@FunctionalInterface
public interface ArgCompleter {
    ArgCompleter NONE = (context, words) -> List.of();

    /** words: the command line so far, the first being the command name, the last the partial word. */
    List<String> candidates(CommandContext context, List<String> words);
}
