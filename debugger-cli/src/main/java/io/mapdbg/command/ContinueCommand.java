package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "continue", aliases = {"c", "cont"},
        description = {"Resume the stopped thread(s) and wait for the next stop.",
                "",
                "While it waits, trace lines print as they come. It returns at the next stop, when no breakpoint is "
                        + "left armed (a --count used up), when the target exits, or on Ctrl-C. --no-wait only resumes.",
                "",
                "In a script (mapdbg trace, source) continue means run with no bound of its own: it handles every hit "
                        + "(stopped threads are resumed once their hit is out) until nothing is left armed, the target "
                        + "exits, or a bound of the script (--duration, --max-events) is reached."})
public final class ContinueCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--no-wait", description = "Resume and return at once.")
    boolean noWait;

    @Override
    public Result run(CommandContext context) {
        if (context.inScript() && !noWait) {
            return RunCommand.run(context, null, null);
        }
        return context.breakpointService().resume(!noWait);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
