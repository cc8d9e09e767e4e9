package io.mapdbg.command;

import io.mapdbg.model.Result;

/**
 * Runs a script file inside a session ({@code source FILE}). Scripts run commands, so the front end, which knows
 * both, hands the runner to the context: command code never depends on the script package.
 */
@FunctionalInterface
public interface SourceRunner {
    /** A front end without scripts: source fails with one line. */
    SourceRunner NONE = (context, file, strict) -> {
        throw new CommandException("source: scripts cannot run here");
    };

    /** Runs file in context; strict stops at the first failing line. Returns the summary. */
    Result source(CommandContext context, String file, boolean strict);
}
