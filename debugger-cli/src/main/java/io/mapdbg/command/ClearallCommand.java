package io.mapdbg.command;

import io.mapdbg.breakpoints.AgentTraces;
import io.mapdbg.model.BreakpointsCleared;
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
        var agentCleared = context.agentTracesIfAny().map(AgentTraces::clearAll); // hooks retransformed back
        if (context.session().isEmpty()) {
            return agentCleared.orElse(new BreakpointsCleared(java.util.List.of(), 0));
        }
        BreakpointsCleared cleared = context.breakpointService().clearAll();
        return agentCleared.map(a -> new BreakpointsCleared(java.util.stream.Stream.concat(cleared.names().stream(),
                a.names().stream()).toList(), cleared.resumedThreads())).orElse(cleared);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
