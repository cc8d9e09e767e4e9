package io.mapdbg.command;

import picocli.CommandLine.Command;

@Command(name = "break", aliases = {"br"},
        description = {"Stop the thread that reaches a location (a map write, a resize, a method, a line).",
                "",
                "break [NAME] LOCATION [--map M] [--thread T] [--count N] [if CONDITION]",
                "",
                SetBreakpoint.LOCATIONS,
                "",
                "Only the hitting thread stops (the others run on); it becomes the focus of stack/print, and continue "
                        + "resumes it. A hit on a map write reports the thread, the map (@id, class, path), key, value and the "
                        + "caller frame. CONDITION for now: key == \"literal\", value == \"literal\", hitcount >= N "
                        + "(the expression language brings the rest).",
                "",
                SetBreakpoint.COST,
                ""})
public final class BreakCommand extends SetBreakpoint {
    @Override
    boolean stops() {
        return true;
    }
}
