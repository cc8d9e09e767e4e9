package io.mapdbg.command;

import java.util.List;
import java.util.function.Supplier;

/**
 * A registry row: everything the command line, REPL, scripts and help need to know of one command.
 * name, aliases, summary and help are read from the command class's picocli annotation. Completion reads the same
 * annotation (option names, parameter labels: see {@link LineCompleter}); completer is asked only for a positional
 * parameter whose label LineCompleter does not know.
 */
public record CommandInfo(String name, List<String> aliases, String summary, String help, Needs needs,
                          ArgCompleter completer, Supplier<MapdbgCommand> factory) {

    public boolean answersTo(String word) {
        return name.equals(word) || aliases.contains(word);
    }
}
