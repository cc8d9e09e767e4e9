package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "clear",
        description = {"Delete one breakpoint or trace: its requests leave the target.",
                "A thread it stopped stays stopped until continue."})
public final class ClearCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "BP", description = "The breakpoint's name.")
    String bp;

    @Override
    public Result run(CommandContext context) {
        try {
            return context.breakpointService().clear(bp);
        } catch (IllegalArgumentException e) {
            throw new CommandException("clear: " + e.getMessage());
        }
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
