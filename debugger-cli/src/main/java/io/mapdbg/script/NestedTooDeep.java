package io.mapdbg.script;

import io.mapdbg.command.CommandException;

/**
 * source nested deeper than {@link ScriptRunner#MAX_DEPTH} (a script that sources itself): unlike a failing line it
 * ends every script on the way up, and the outermost one fails (exit 1).
 */
final class NestedTooDeep extends CommandException {
    NestedTooDeep(String message) {
        super(message);
    }
}
