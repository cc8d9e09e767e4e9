package io.mapdbg.command;

import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "watch",
        description = {"Watch the target for a while: watch races reports maps written by two threads at once.",
                "",
                "watch races (--map MAPREF | --all) [--duration D] [--top N] [--hold MS] [--json]",
                "",
                "In the REPL each race is announced as it is found; the report (with the damage found by the integrity "
                        + "check) follows when the watch ends. The same as the one-shot races command.",
                "",
                RaceWatchOptions.HELP_WHAT,
                "",
                RaceWatchOptions.HELP_COST,
                ""})
public final class WatchCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to watch: races.")
    String what;

    @Mixin
    RaceWatchOptions watch = new RaceWatchOptions();

    @Override
    public void check() {
        if (!"races".equals(what)) {
            throw new CommandException("watch: can watch races, not '" + what + "' (watch races --map M | --all)", 2);
        }
        watch.check("watch races");
    }

    @Override
    public Result run(CommandContext context) {
        check();
        return watch.run(context, "watch races");
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
