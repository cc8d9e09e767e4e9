package io.mapdbg.command;

import io.mapdbg.model.Result;
import io.mapdbg.service.FrameService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stack", aliases = {"bt", "where"},
        description = {"Show the focused thread's stack: each frame Class.method(File:line) with its arguments.",
                "",
                "Argument values are bounded previews (objects with their @id, usable by buckets); names come "
                        + "from the class's local-variable table, else arg0, arg1... --full adds the locals where "
                        + "the class has a local-variable table. A running thread is suspended only for the read: "
                        + "the output then says the values are a snapshot.",
                ""})
public final class StackCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", defaultValue = "20",
            description = "How many frames from the top (default ${DEFAULT-VALUE}; 0 for all).")
    int depth;

    @Option(names = "--full", description = "Add each frame's locals.")
    boolean full;

    @Option(names = "--thread", paramLabel = "ID", description = "This thread instead of the focused one (it does not change the focus).")
    String thread;

    @Override
    public Result run(CommandContext context) {
        if (depth < 0) {
            throw new CommandException("stack: N takes 0 or more", 2);
        }
        return new FrameService(context.requireSession()).stack(thread, depth, full);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
