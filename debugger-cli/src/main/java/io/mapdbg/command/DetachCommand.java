package io.mapdbg.command;

import io.mapdbg.model.Detached;
import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "detach", aliases = {"exit", "quit"},
        description = {"Detach from the target and leave the REPL; the target runs on exactly as before.",
                "Every request mapdbg armed is deleted and every thread it suspended is resumed."})
public final class DetachCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Result run(CommandContext context) {
        return new Detached(context.session().map(s -> s.describe()).orElseGet(() -> context.agentClient()
                .map(a -> "pid " + a.pid() + " (the mapdbg agent stays loaded, idle)").orElse(null)));
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
