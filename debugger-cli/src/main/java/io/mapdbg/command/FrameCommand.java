package io.mapdbg.command;

import io.mapdbg.model.Result;
import io.mapdbg.service.FrameService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "frame",
        description = {"Select frame N of the focused thread (0 is the top) and show it with its arguments and locals.",
                "",
                "locals, args (and print) then act on that frame. Without N, shows the selected frame.",
                ""})
public final class FrameCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "Frame index, as stack numbers them.")
    Integer index;

    @Override
    public Result run(CommandContext context) {
        if (index != null && index < 0) {
            throw new CommandException("frame: N takes 0 or more", 2);
        }
        return new FrameService(context.requireSession()).frame(index);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
