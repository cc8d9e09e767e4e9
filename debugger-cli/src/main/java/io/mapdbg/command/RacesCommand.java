package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "races",
        description = {"Catch unsynchronised writers: two threads inside one map's mutators at once.",
                "",
                "races <target> (--map MAPREF | --all) [--duration D] [--top N] [--hold MS] [--json]",
                "",
                RaceWatchOptions.HELP_WHAT,
                "",
                RaceWatchOptions.HELP_COST,
                "",
                "The same watch runs in the REPL and in scripts as: watch races (--map M | --all) [--duration D].",
                ""})
public final class RacesCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    RaceWatchOptions watch = new RaceWatchOptions();

    @Override
    public void check() {
        watch.check("races");
    }

    @Override
    public Result run(CommandContext context) {
        return watch.run(context, "races");
    }

    /** Served by either backend (JDWP or the mapdbg agent). */
    @Override
    public Needs needs() {
        return Needs.BACKEND;
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
