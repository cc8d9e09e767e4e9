package io.mapdbg.command;

import io.mapdbg.model.Result;
import io.mapdbg.service.FrameService;
import io.mapdbg.service.OriginService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "thread",
        description = {"Select a thread (the focus of stack, frame, locals, args) and show it with its top frames.",
                "",
                "ID is the id threads shows (the Java thread id), @N for the JDI id, or a thread's exact name. "
                        + "Selecting a thread selects its top frame. A running thread is suspended only for the "
                        + "read and runs on; its frames are then a snapshot.",
                "",
                "thread ID origin prints where that thread was started (recorded by origin on) instead, and selects nothing.",
                ""})
public final class ThreadCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "Java thread id, @jdiId or exact name.")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "origin", description = "Print where the thread was started (see origin).")
    String what;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "5", description = "Frames shown (default ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Result run(CommandContext context) {
        if (frames < 1) {
            throw new CommandException("thread: --frames takes 1 or more", 2);
        }
        if (what != null && !what.equals("origin")) {
            throw new CommandException("thread: expected thread ID [origin], not '" + what + "'", 2);
        }
        var session = context.requireSession();
        if (what != null) {
            return new OriginService(session, context.origins()).of(id);
        }
        return new FrameService(session).select(id, frames);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
