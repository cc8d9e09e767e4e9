package io.mapdbg.command;

import io.mapdbg.model.Result;

/**
 * One command. Implementations are picocli-annotated classes ({@code @Command(name, aliases, description)}):
 * the annotation is the single source of the name, aliases, summary (first description line) and help,
 * for the command line, the REPL, scripts and {@code help} alike.
 */
public interface MapdbgCommand {

    Result run(CommandContext context);

    default Needs needs() {
        return Needs.TARGET;
    }

    /** Whether the user asked for JSON output (every command has {@code --json}). */
    boolean json();
}
