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
        s.append(String.format("races over %s: %s%n", report.source(), summary(report)));
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

    /**
     * The summary: the races found, or "no race seen", always with what was checked (writes of how many maps, over
     * how long, and how sampled), so that it never reads as an all-clear beyond what was covered.
     */
    static String summary(RaceReport report) {
        int raced = report.races().size();
        long overlapKind = report.races().stream().filter(r -> !UNORDERED.equals(r.kind())).count();
        String found = raced == 0 ? "no race seen" : raced + " map" + (raced == 1 ? "" : "s")
                + " written by two threads without order (" + overlapKind + " by an overlap seen, " + (raced - overlapKind)
                + " by unordered writes with no common lock)";
        RaceReport.Coverage c = report.coverage();
        long maps = c != null ? c.maps() : report.watched().size();
        long writes = (c != null ? c : RaceReport.Coverage.everyWriteOf(report.watched())).writes();
        String seconds = String.format("%.1f s", report.durationMillis() / 1000.0);
        String of = maps + " map" + (maps == 1 ? "" : "s");
        String checked = writes < 0 ? " (writes not counted) in " + of + " watched for " + seconds
                : String.format(" in %,d write%s of %s watched for %s", writes, writes == 1 ? "" : "s", of, seconds);
        String sampled = c != null && c.sampling() != null ? " (sampled: " + c.sampling() + ")" : "";
        return found + checked + sampled;
    }

    private static final String UNORDERED = "unordered-writes";

    private static void race(StringBuilder s, Race r) {
        if (UNORDERED.equals(r.kind())) {
            s.append(String.format("%nRACE %s: unordered writes, %,d change%s of writer with no lock held in common"
                    + " (no overlap needed), the first %d ms into the watch%s%n", map(r.map()), r.unorderedWrites(),
                    r.unorderedWrites() == 1 ? "" : "s", r.firstSeenMillis(),
                    r.overlaps() > 0 ? String.format("; also %,d overlap%s", r.overlaps(), r.overlaps() == 1 ? "" : "s") : ""));
        } else {
            s.append(String.format("%nRACE %s: %,d overlap%s, the first %d ms into the watch%s%n", map(r.map()), r.overlaps(),
                    r.overlaps() == 1 ? "" : "s", r.firstSeenMillis(), r.unorderedWrites() > 0 ? String.format(
                            "; also %,d unordered write%s", r.unorderedWrites(), r.unorderedWrites() == 1 ? "" : "s") : ""));
        }
        List<Race.RaceWrite> writes = r.writes();
        for (int i = 0; i < writes.size(); i++) {
            Race.RaceWrite w = writes.get(i);
            String role = UNORDERED.equals(r.kind()) ? (i == 0 ? "before  " : "after   ") : (i == 0 ? "inside  " : "entering");
            s.append(String.format("  %s %-8s %s%s%n", role, w.thread() + (w.threadId() == null ? "" : " #" + w.threadId()),
                    w.method(),
                    w.key() == null ? "" : "  key " + w.key()));
        }
        if (r.threads().size() > 2) {
            s.append("  all threads seen in overlaps: ").append(String.join(", ", r.threads())).append('\n');
        }
        for (Map.Entry<String, List<String>> stack : r.stacks().entrySet()) {
            List<String> frames = stack.getValue();
            if (frames.isEmpty()) {
                continue; // said by the stack note
            }
            s.append("  ").append(stack.getKey()).append(UNORDERED.equals(r.kind()) ? " at its write:\n" : " at the overlap:\n");
            for (int i = 0; i < frames.size(); i++) {
                s.append("    #").append(i).append(' ').append(frames.get(i)).append('\n');
            }
        }
        if (r.stackNote() != null) {
            s.append("  ").append(r.stackNote()).append('\n');
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
