package io.mapdbg.service;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.RaceWatch;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.CutShort;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.Result;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/** races, watch races: a watch for unsynchronised writers on whichever backend the session has. */
public final class RacesService {
    private final Backend backend;

    public RacesService(Backend backend) {
        this.backend = backend;
    }

    /** The report, or the report cut short (the target exited, the agent was lost, an interrupt): no all-clear. */
    public Result watch(RaceWatch watch, String name, Consumer<Race> onFirst, WalkProgress progress) {
        RaceReport report = backend.watchRaces(watch, onFirst, progress);
        return cutShort(report, watch.duration(), name, backend.lost(report));
    }

    /**
     * A watch that ended before its duration is no all-clear: the report is printed, and a line says it was cut
     * short (exit 1).
     */
    public static Result cutShort(RaceReport report, Duration asked, String name, String why) {
        boolean early = report.durationMillis() < asked.toMillis() && !report.watched().isEmpty();
        if (why == null && !early) {
            return report;
        }
        return new CutShort(report, String.format(Locale.ROOT, "%s: %s %.1f s into the %s watch: cut short, the report "
                + "covers only that time", name, why == null ? "interrupted" : why, report.durationMillis() / 1000.0,
                formatSeconds(asked)));
    }

    private static String formatSeconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
