package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "source",
        description = {"Run a script file (*.mdbg) here, line by line, as if typed: source scripts/examples/audit-race.mdbg.",
                "",
                "The whole file is read and checked first: a syntax error (file:line:col: message) runs nothing. Then "
                        + "each line runs through the same dispatcher as the prompt; a failing line prints file:line: "
                        + "message and the script goes on (--strict stops it). on NAME { ... } blocks, run and "
                        + "continue work as in mapdbg trace (see the README). Ctrl-C stops the script."})
public final class SourceCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "The script.")
    String file;

    @Option(names = "--strict", description = "Stop at the first line that fails.")
    boolean strict;

    @Override
    public Result run(CommandContext context) {
        return context.sourceRunner().source(context, file, strict);
    }

    @Override
    public Needs needs() {
        return Needs.NOTHING;
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
