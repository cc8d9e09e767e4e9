package io.mapdbg.command;

import picocli.CommandLine.Model.CommandSpec;

/** Whether the user wrote an option (not just its default): an option that does not apply is refused, never ignored. */
final class Given {
    private Given() {
    }

    static boolean option(CommandSpec spec, String name) {
        if (spec == null || spec.commandLine() == null || spec.commandLine().getParseResult() == null) {
            return false;
        }
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }
}
