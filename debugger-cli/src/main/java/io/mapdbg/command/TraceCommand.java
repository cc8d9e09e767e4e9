package io.mapdbg.command;

import picocli.CommandLine.Command;

@Command(name = "trace", aliases = {"tr"},
        description = {"Print a line for each hit of a location and let the thread run on at once.",
                "",
                "trace [NAME] LOCATION [--map M] [--thread T] [--count N] [if CONDITION]",
                "",
                SetBreakpoint.LOCATIONS,
                "",
                "The same filters as break. In the REPL hits print above the prompt as they come (continue waits "
                        + "for them); as a one-shot command (mapdbg trace <pid> ...) it runs until --count is reached or "
                        + "the target exits. With --json each hit is one JSON object.",
                "",
                SetBreakpoint.COST,
                ""})
public final class TraceCommand extends SetBreakpoint {
    @Override
    boolean stops() {
        return false;
    }
}
