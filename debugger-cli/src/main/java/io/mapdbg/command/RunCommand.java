package io.mapdbg.command;

import io.mapdbg.breakpoints.Durations;
import io.mapdbg.breakpoints.RunLimits;
import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "run",
        description = {"Let the target run and handle hits for a while: run 30s, run until 5 hits, run 2m until 10 hits.",
                "",
                "While it runs, every hit prints (with its on commands) and a thread a break stopped is resumed once "
                        + "its hit is out. It ends when the time is up or that many hits were taken (a break whose hit was "
                        + "the last one wanted stays stopped, for stack, print, origin; the next run resumes it), when "
                        + "nothing is left armed (run until, and run with no bound), when the target exits, or on Ctrl-C. "
                        + "Durations: 500ms, 30s, 1.5s, 2m, 1h. In a script, continue means run with no bound of its own; "
                        + "mapdbg trace --duration and --max-events bound every run together. In mapdbg trace, hits count "
                        + "only while a run is in progress."})
public final class RunCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "0..*", paramLabel = "BOUND", description = "A duration, until N hits, or both (the first reached ends the run).")
    List<String> words = new ArrayList<>();

    private Duration duration;
    private Long hits;

    @Override
    public void check() {
        duration = null;
        hits = null;
        int i = 0;
        if (i < words.size() && !words.get(i).equals("until")) {
            duration = parseDuration(words.get(i++));
        }
        if (i < words.size()) {
            if (!words.get(i).equals("until") || i + 3 != words.size()
                    || !(words.get(i + 2).equals("hits") || words.get(i + 2).equals("hit"))) {
                throw new CommandException("run: expected run [DURATION] [until N hits], got: run " + String.join(" ", words), 2);
            }
            try {
                hits = Long.parseLong(words.get(i + 1));
            } catch (NumberFormatException e) {
                throw new CommandException("run: until takes a number of hits, not '" + words.get(i + 1) + "'", 2);
            }
            if (hits < 1) {
                throw new CommandException("run: until takes 1 or more hits", 2);
            }
        }
    }

    private static Duration parseDuration(String word) {
        try {
            return Durations.parse(word);
        } catch (IllegalArgumentException e) {
            throw new CommandException("run: " + e.getMessage(), 2);
        }
    }

    @Override
    public Result run(CommandContext context) {
        check();
        return run(context, duration, hits);
    }

    /** A run as continue in a script does it: no bound but the script's. */
    static Result run(CommandContext context, Duration duration, Long hits) {
        RunLimits limits = context.limits();
        if (context.session().isEmpty() && context.agentClient().isPresent()) { // an agent script: its traces stream
            return context.agentTraces().run(duration, hits, limits);
        }
        return context.breakpointService().run(duration, hits, limits);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
