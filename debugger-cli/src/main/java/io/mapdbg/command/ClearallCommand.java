package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clearall",
        description = {"Delete every breakpoint and trace and resume every thread they stopped.",
                "The target then runs as before (after a breakpoint in java.util it takes a few seconds to get compiled "
                        + "code back)."})
public final class ClearallCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Result run(CommandContext context) {
        return context.breakpoints().clearAll();
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
