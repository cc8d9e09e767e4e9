package io.mapdbg.command;

import io.mapdbg.model.Result;
import io.mapdbg.service.FrameService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "args",
        description = {"Show the arguments (and this) of the focused frame.",
                "",
                "Names come from the local-variable table when the class has one, else arg0, arg1...; the values need no table. Values are bounded previews; objects carry their @id. The focus is set by thread and frame.",
                ""})
public final class ArgsCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Result run(CommandContext context) {
        return new FrameService(context.requireSession()).variables(false);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
