package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "continue", aliases = {"c", "cont"},
        description = {"Resume the stopped thread(s) and wait for the next stop.",
                "",
                "While it waits, trace lines print as they come. It returns at the next stop, when no breakpoint is "
                        + "left armed (a --count used up), when the target exits, or on Ctrl-C. --no-wait only resumes."})
public final class ContinueCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--no-wait", description = "Resume and return at once.")
    boolean noWait;

    @Override
    public Result run(CommandContext context) {
        return context.breakpoints().resume(!noWait);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
