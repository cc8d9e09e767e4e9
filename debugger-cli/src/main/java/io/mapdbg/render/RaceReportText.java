package io.mapdbg.render;

import io.mapdbg.model.MapRef;
import io.mapdbg.model.Problem;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;

import java.util.List;
import java.util.Map;

/** Text view of {@code races}: each raced map with both writers and their stacks, then the damage found. */
final class RaceReportText {
    private RaceReportText() {
    }

    static String render(RaceReport report) {
        StringBuilder s = new StringBuilder();
        int n = report.watched().size();
        s.append(String.format("races over %s: watched %d map%s for %.1f s; %s%n", report.source(), n, n == 1 ? "" : "s",
                report.durationMillis() / 1000.0, report.races().isEmpty() ? "no race seen"
                        : report.races().size() + " map" + (report.races().size() == 1 ? "" : "s") + " written by two threads at once"));
        for (Race r : report.races()) {
            race(s, r);
        }
        for (RaceReport.WatchedMap w : report.watched()) {
            if (report.races().stream().noneMatch(r -> r.map().id() == w.map().id())) {
                if (w.writes() < 0) { // the agent counts overlaps, not writes
                    s.append("no race: ").append(map(w.map())).append('\n');
                } else {
                    s.append(String.format("no race: %s (%,d writes by %d thread%s)%n", map(w.map()), w.writes(),
                            w.writers(), w.writers() == 1 ? "" : "s"));
                }
            }
        }
        for (RaceReport.SkippedMap k : report.skipped()) {
            s.append("not watched: ").append(map(k.map())).append(": ").append(k.reason()).append('\n');
        }
        for (String note : report.notes()) {
            s.append("note: ").append(note).append('\n');
        }
        return s.toString().stripTrailing();
    }

    private static void race(StringBuilder s, Race r) {
        s.append(String.format("%nRACE %s: %,d overlap%s, the first %d ms into the watch%n", map(r.map()), r.overlaps(),
                r.overlaps() == 1 ? "" : "s", r.firstSeenMillis()));
        List<Race.RaceWrite> writes = r.writes();
        for (int i = 0; i < writes.size(); i++) {
            Race.RaceWrite w = writes.get(i);
            s.append(String.format("  %s %-8s %s%s%n", i == 0 ? "inside  " : "entering", w.thread(), w.method(),
                    w.key() == null ? "" : "  key " + w.key()));
        }
        if (r.threads().size() > 2) {
            s.append("  all threads seen in overlaps: ").append(String.join(", ", r.threads())).append('\n');
        }
        for (Map.Entry<String, List<String>> stack : r.stacks().entrySet()) {
            s.append("  ").append(stack.getKey()).append(" at the overlap:\n");
            List<String> frames = stack.getValue();
            for (int i = 0; i < frames.size(); i++) {
                s.append("    #").append(i).append(' ').append(frames.get(i)).append('\n');
            }
        }
        damage(s, r.damage());
    }

    private static void damage(StringBuilder s, Race.Damage d) {
        if (d == null) {
            return;
        }
        if (!d.checked()) {
            s.append("  damage: not checked (").append(d.note()).append(")\n");
            return;
        }
        String sizes = (d.size() == null ? "" : "size() says " + d.size() + ", ") + d.walked() + " entries walked";
        if (d.ok()) {
            s.append("  damage: none found yet (").append(sizes).append(")");
        } else {
            s.append("  damage: ").append(d.problems().size()).append(" problem").append(d.problems().size() == 1 ? "" : "s")
                    .append(" (").append(sizes).append(")");
        }
        s.append(d.note() == null ? "" : "; " + d.note()).append('\n');
        for (Problem p : d.problems()) {
            s.append("    ").append(p.kind()).append(p.bin() >= 0 ? " bin " + p.bin() : "").append(": ").append(p.message()).append('\n');
        }
    }

    private static String map(MapRef m) {
        String cls = m.className().startsWith("java.util.") ? m.className().substring(m.className().lastIndexOf('.') + 1)
                : m.className();
        return "@" + m.id() + " " + cls + (m.path() == null ? "" : " " + m.path());
    }
}
