package io.mapdbg.backend.agent;

import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.RaceDamage;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.TreeMapCheck;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Race;
import io.mapdbg.model.Problem;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.TreeCheck;
import io.mapdbg.races.AgentRaceSource;
import io.mapdbg.races.MapSafety;
import io.mapdbg.races.RaceLedger;
import io.mapdbg.races.RaceSource;
import io.mapdbg.races.WatchedTarget;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;

import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;

/**
 * races through the mapdbg agent (loaded, asked for with --agent, or the only way into a JVM without JDWP): the
 * hooks' writer marker watches the maps ({@link AgentRaceSource}), then the agent's in-process integrity check of
 * buckets runs on each map found racing. Maps are named as buckets --agent names them: a static path, @id (an
 * agent id) or $N.
 */
public final class AgentRaces {
    private final AgentClient agent;

    public AgentRaces(AgentClient agent) {
        this.agent = agent;
    }

    public RaceReport watch(List<MapReference> mapRefs, boolean all, int duty, Duration duration, ValueHistory history,
                            Consumer<Race> onFirst, WalkProgress progress) {
        List<WatchedTarget> targets = new ArrayList<>();
        List<RaceReport.SkippedMap> skipped = new ArrayList<>();
        if (all) {
            for (MapRef ref : staticMaps()) {
                var why = MapSafety.notWatchedByName(ref.className());
                if (why.isPresent()) {
                    skipped.add(new RaceReport.SkippedMap(ref, why.get()));
                } else {
                    targets.add(new WatchedTarget(null, ref));
                }
            }
        } else {
            for (MapReference m : mapRefs) {
                targets.add(new WatchedTarget(null, ref(m, history)));
            }
        }
        List<String> notes = new ArrayList<>();
        long start = System.nanoTime();
        RaceLedger ledger = new RaceLedger(start, onFirst);
        List<MapRef> watched;
        RaceSource.WriteCounts counts;
        long[] allCoverage;
        try (AgentRaceSource source = new AgentRaceSource(agent, all, duty)) {
            source.start(targets, ledger);
            notes.addAll(source.notes());
            waitFor(duration, start, progress, source);
            watched = source.watched();
            counts = source.counts();
            allCoverage = source.allCoverage();
            source.notWatched().forEach((r, why) -> skipped.add(new RaceReport.SkippedMap(r, why)));
            if (source.lost() != null) {
                notes.add(AgentBackend.LOST + source.lost());
            }
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        List<Race> races = new ArrayList<>();
        for (Race r : ledger.races()) {
            races.add(damage(r));
        }
        List<RaceReport.WatchedMap> out = new ArrayList<>();
        for (MapRef ref : watched) {
            Long writes = counts.writes().get(ref.id());
            out.add(new RaceReport.WatchedMap(ref, writes == null ? -1 : writes,
                    writes == null ? -1 : counts.writers().getOrDefault(ref.id(), 0)));
        }
        if (races.isEmpty() && out.isEmpty()) {
            notes.add("nothing watched");
        }
        RaceReport.Coverage coverage = RaceReport.Coverage.everyWriteOf(out); // --map: counted per map
        if (all) {
            coverage = allCoverage == null ? new RaceReport.Coverage(-1, out.size(), "--duty " + duty + "%")
                    : new RaceReport.Coverage(allCoverage[0], allCoverage[1], duty + "% duty");
        }
        return new RaceReport(races, out, skipped, elapsed, "agent", notes, coverage);
    }

    /** The maps static fields reach, as the agent's maps request lists them (agent id, class, path). */
    private List<MapRef> staticMaps() {
        DataInputStream in = agent.call("maps", Map.of());
        List<MapRef> maps = new ArrayList<>();
        try {
            in.readInt();
            in.readLong();
            for (int n = in.readInt(); n > 0; n--) {
                long id = in.readLong();
                String className = in.readUTF();
                in.readLong();
                in.readInt();
                in.readInt();
                String path = in.readUTF();
                maps.add(new MapRef(id, className, path.isEmpty() ? null : path));
            }
        } catch (IOException e) {
            throw new TargetException("the agent's map list could not be read: " + e, e);
        }
        return maps;
    }

    /** A map to watch as the agent names it: its agent id, or its static path (id 0 until the agent finds it). */
    private static MapRef ref(MapReference mapRef, ValueHistory history) {
        Map<String, String> args = AgentIds.args(mapRef, history);
        return args.containsKey("id") ? new MapRef(Long.parseLong(args.get("id")), "?", null)
                : new MapRef(0, "?", args.get("path"));
    }

    /** Sleeps out the watch (a duration the user asked for), showing seconds done; ends early if the agent is lost. */
    private static void waitFor(Duration duration, long start, WalkProgress progress, AgentRaceSource source) {
        long end = start + duration.toNanos();
        long seconds = Math.max(1, duration.toSeconds());
        while (source.lost() == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            progress.update((System.nanoTime() - start) / 1_000_000_000L, seconds, 0);
            try {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The agent's in-process integrity check of buckets on a raced map (walked live: nothing is suspended). */
    private Race damage(Race r) {
        MapRef ref = r.map();
        if (ref.id() == 0) {
            return r.withDamage(Race.Damage.notChecked("the map was collected"));
        }
        try {
            WalkOptions options = new WalkOptions(RaceDamage.MAX_ENTRIES, 0, 0, 60, -1, -1);
            BucketLayout layout = new AgentBuckets(agent).layout(new MapReference.ObjectId(ref.id()), options, null);
            var integrity = layout.integrity();
            MapRef named = ref.path() != null ? ref : new MapRef(ref.id(), ref.className(), layout.map().path());
            Race.Damage d = new Race.Damage(true, integrity.ok(), layout.size(), layout.entries(), integrity.problems(),
                    layout.sampled() ? "walk bounded at " + RaceDamage.MAX_ENTRIES + " entries" : null);
            return r.withMap(named, d);
        } catch (RuntimeException e) {
            if (!ref.className().contains("Hash")) {
                return r.withDamage(treeDamage(ref));
            }
            return r.withDamage(Race.Damage.notChecked("the integrity check failed: " + e.getMessage()));
        }
    }

    private TreeCheck treeCheck(MapRef ref) throws IOException {
        DataInputStream in = agent.call("tree", Map.of("id", Long.toString(ref.id()),
                "maxNodes", Long.toString(RaceDamage.MAX_ENTRIES)));
        return TreeMapCheck.check(AgentTreeSnapshot.read(in, ref.className()), RaceDamage.MAX_ENTRIES);
    }

    /** A map buckets does not decode: the tree check when it is a TreeMap (the agent's snapshot of its tree). */
    private Race.Damage treeDamage(MapRef ref) {
        try {
            // walked live, while its writers may still be at work: a write half done looks broken (a red node under
            // a red one mid-fixup), so only kinds of problem that two walks in a row both see are reported
            TreeCheck first = treeCheck(ref);
            TreeCheck second = treeCheck(ref);
            Set<String> seenTwice = first.problems().stream().map(Problem::kind).collect(Collectors.toSet());
            List<Problem> lasting = second.problems().stream().filter(p -> seenTwice.contains(p.kind())).toList();
            return RaceDamage.of(new TreeCheck(second.size(), second.walked(), lasting, second.complete()));
        } catch (IOException e) {
            return Race.Damage.notChecked("the agent's tree could not be read: " + e);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            return Race.Damage.notChecked(why.contains("is not a TreeMap")
                    ? "no integrity check for " + ref.className() + " (buckets decodes hash maps, and it is no TreeMap)"
                    : "the integrity check failed: " + why);
        }
    }
}
