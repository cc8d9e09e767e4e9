package io.mapdbg.command;

import io.mapdbg.model.Result;
import io.mapdbg.service.FrameService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "locals",
        description = {"Show the local variables of the focused frame.",
                "",
                "Only where the class has a local-variable table (javac -g); otherwise says no local variable information. Arguments are not repeated: see args. Values are bounded previews; objects carry their @id. The focus is set by thread and frame.",
                ""})
public final class LocalsCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Result run(CommandContext context) {
        return new FrameService(context.requireSession()).variables(true);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
