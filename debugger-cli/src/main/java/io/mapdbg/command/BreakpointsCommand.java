package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "breakpoints", aliases = {"bps"},
        description = {"List the breakpoints and traces: location, what it resolved to, filters, hits, state.",
                "State is armed, done (its --count was reached) or pending classes are named (armed when they load)."})
public final class BreakpointsCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Result run(CommandContext context) {
        return context.breakpointService().list();
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
