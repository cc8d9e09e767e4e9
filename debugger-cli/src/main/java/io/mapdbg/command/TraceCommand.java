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
                "The thread runs on as soon as its hit is read; the hit waits for the printer in a bounded queue "
                        + "(10,000 hits; -Dmapdbg.traceQueue=N). When the printer cannot keep up, hits are dropped and "
                        + "counted, never waited for: a note says so once a second (\"trace t1: 1,234 events dropped\"; "
                        + "JSON {\"type\":\"dropped\"}), breakpoints shows the count, and so does the line that ends a "
                        + "one-shot trace. --count counts dropped hits too. A trace with on commands keeps its thread "
                        + "stopped while they run, and drops nothing.",
                "",
                SetBreakpoint.COST,
                ""})
public final class TraceCommand extends SetBreakpoint {
    @Override
    boolean stops() {
        return false;
    }
}
