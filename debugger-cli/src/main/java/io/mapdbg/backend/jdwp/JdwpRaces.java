package io.mapdbg.backend.jdwp;

import io.mapdbg.backend.RaceDamage;

import com.sun.jdi.ClassType;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.inspect.NotAHashMapException;
import io.mapdbg.inspect.TreeMapCheck;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.TreeCheck;
import io.mapdbg.races.JdwpRaceSource;
import io.mapdbg.races.MapSafety;
import io.mapdbg.races.RaceLedger;
import io.mapdbg.races.RaceSource;
import io.mapdbg.races.WatchedTarget;
import io.mapdbg.races.WriterCensus;
import io.mapdbg.session.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * races: watches maps that are not thread-safe for two writers inside their mutators at once, for a while, then
 * runs the integrity check of buckets on each map found racing. Served over JDWP by {@link JdwpRaceSource}
 * (through the agent, {@link AgentRaces} serves races with {@link io.mapdbg.races.AgentRaceSource}).
 */
public final class JdwpRaces {
    private final Session session;

    private final JdwpBackend backend;

    JdwpRaces(JdwpBackend backend) {
        this.backend = backend;
        this.session = backend.session();
    }

    /** What to watch and for how long. top bounds --all; holdMillis is the window a first writer is held. */
    record Options(List<JdwpMapReferences.Resolved> maps, boolean all, int top, Duration duration, long holdMillis,
                          Duration sample) {
    }

    /** Bound on the hits of the --all write sample. */
    static final long SAMPLE_HITS = 20_000;

    RaceReport watch(Options options, Consumer<Race> onFirst, WalkProgress progress) {
        List<WatchedTarget> watch = new ArrayList<>();
        List<RaceReport.SkippedMap> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        session.call("choosing the maps to watch", () -> {
            if (options.all()) {
                chooseAll(options.top(), options.sample(), watch, skipped, notes);
            } else {
                choose(options.maps(), watch, skipped);
            }
            return null;
        });
        if (watch.isEmpty()) {
            notes.add("nothing watched");
            return new RaceReport(List.of(), List.of(), skipped, 0, "jdwp", notes);
        }
        long start = System.nanoTime();
        RaceLedger ledger = new RaceLedger(start, onFirst);
        RaceSource.WriteCounts counts;
        String way;
        try (RaceSource source = source(options.holdMillis())) {
            way = source.way();
            source.start(watch, ledger);
            notes.addAll(0, source.notes());
            waitFor(options.duration(), start, progress, source);
            counts = source.counts();
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        List<Race> races = new ArrayList<>();
        for (Race r : ledger.races()) {
            HeapObject map = watch.stream().filter(t -> t.ref().id() == r.map().id()).findFirst().orElseThrow().object();
            races.add(r.withDamage(damage(map, r.map())));
        }
        List<RaceReport.WatchedMap> watched = new ArrayList<>();
        for (WatchedTarget t : watch) {
            long id = t.ref().id();
            watched.add(new RaceReport.WatchedMap(t.ref(), counts.writes().getOrDefault(id, 0L),
                    counts.writers().getOrDefault(id, 0)));
        }
        return new RaceReport(races, watched, skipped, elapsed, way, notes, RaceReport.Coverage.everyWriteOf(watched));
    }

    /** The JDWP way; the agent's ({@link AgentRaces}) is chosen before this service runs (RaceWatchOptions). */
    private RaceSource source(long holdMillis) {
        return new JdwpRaceSource(session, holdMillis);
    }

    /** Sleeps out the watch (it is a duration the user asked for), showing seconds done and writes seen so far. */
    private void waitFor(Duration duration, long start, WalkProgress progress, RaceSource source) {
        long end = start + duration.toNanos();
        long seconds = Math.max(1, duration.toSeconds());
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0 || session.events().targetGone()) {
                return;
            }
            long writes = source.counts().writes().values().stream().mapToLong(Long::longValue).sum();
            progress.update((System.nanoTime() - start) / 1_000_000_000L, seconds, writes);
            try {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void choose(List<JdwpMapReferences.Resolved> maps, List<WatchedTarget> watch, List<RaceReport.SkippedMap> skipped) {
        for (JdwpMapReferences.Resolved r : maps) {
            HeapObject o = r.object();
            String path = r.path() != null ? r.path() : session.staticHoldersOf(List.of(o)).get(o.id());
            MapRef ref = new MapRef(o.id(), o.className(), path);
            Optional<String> why = MapSafety.notWatched(o.classHierarchy());
            if (why.isPresent()) {
                skipped.add(new RaceReport.SkippedMap(ref, why.get()));
            } else if (watch.stream().noneMatch(t -> t.ref().id() == ref.id())) {
                watch.add(new WatchedTarget(o, ref));
            }
        }
    }

    private record Candidate(HeapObject map, String className, long size) {
    }

    /**
     * --all over JDWP is bounded: every map under a breakpoint slows the JVM, so the top N maps that are not
     * thread-safe are watched: first those a short sample of writes saw written by two or more threads, then those
     * held by an application's static field, then other written ones, then the largest.
     */
    private void chooseAll(int top, Duration sampleLength, List<WatchedTarget> watch, List<RaceReport.SkippedMap> skipped,
                           List<String> notes) {
        Map<Long, WriterCensus.Written> written = new java.util.HashMap<>();
        if (!sampleLength.isZero()) {
            WriterCensus census = new WriterCensus(session);
            for (WriterCensus.Written w : census.sample(sampleLength, SAMPLE_HITS)) {
                written.put(session.mirror(w.map()).id(), w);
            }
            long shared = written.values().stream().filter(w -> w.threads() >= 2).count();
            notes.add(String.format("--all sampled map writes for %.1f s first (entry breakpoints without an instance "
                    + "filter: every map write in the JVM stopped for a round trip meanwhile): %,d writes to %d maps, "
                    + "%d of them by two or more threads", sampleLength.toMillis() / 1000.0, census.hits(),
                    written.size(), shared));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ClassType type : session.loadedClassesInFamilies(MapSafety.RACY_FAMILIES)) {
            String declaring = family(type);
            for (HeapObject map : session.instances(type)) {
                Object size;
                try {
                    size = map.read(declaring, "size").get("size");
                } catch (RuntimeException collected) {
                    continue;
                }
                candidates.add(new Candidate(map, type.name(), size instanceof Number n ? n.longValue() : 0));
            }
        }
        Map<Long, String> paths = candidates.isEmpty() ? Map.of()
                : session.staticHoldersOf(candidates.stream().map(Candidate::map).toList());
        Comparator<Candidate> order = Comparator
                .comparing((Candidate c) -> threadsOf(written, c) < 2)
                .thenComparing(Comparator.comparingInt((Candidate c) -> threadsOf(written, c)).reversed())
                .thenComparing(c -> !isApplicationPath(paths.get(c.map().id())))
                .thenComparing(c -> !written.containsKey(c.map().id()))
                .thenComparing(Comparator.comparingLong(Candidate::size).reversed());
        candidates.sort(order);
        for (Candidate c : candidates) {
            if (watch.size() == top) {
                break;
            }
            MapRef ref = new MapRef(c.map().id(), c.className(), paths.get(c.map().id()));
            Optional<String> why = MapSafety.notWatched(c.map().classHierarchy());
            if (why.isPresent()) {
                skipped.add(new RaceReport.SkippedMap(ref, why.get()));
            } else {
                watch.add(new WatchedTarget(c.map(), ref));
            }
        }
        if (candidates.size() > top) {
            notes.add("--all over JDWP watches " + top + " of " + candidates.size() + " maps that are not thread-safe "
                    + "(written by two or more threads in the sample first, then held by application static fields, "
                    + "then the largest); --top N changes the bound");
        }
        notes.add("thread-safe maps (ConcurrentHashMap, Hashtable, synchronizedMap) are never watched");
    }

    private static int threadsOf(Map<Long, WriterCensus.Written> written, Candidate c) {
        WriterCensus.Written w = written.get(c.map().id());
        return w == null ? 0 : w.threads();
    }

    private static String family(ClassType type) {
        for (ClassType c = type; c != null; c = c.superclass()) {
            if (MapSafety.RACY_FAMILIES.contains(c.name())) {
                return c.name();
            }
        }
        return type.name();
    }

    static boolean isApplicationPath(String path) {
        return path != null && !path.startsWith("java.") && !path.startsWith("jdk.") && !path.startsWith("sun.")
                && !path.startsWith("com.sun.");
    }

    /** The integrity check of buckets on a raced map, with the target suspended for the walk. */
    private Race.Damage damage(HeapObject map, MapRef ref) {
        if (!session.isAlive()) {
            return Race.Damage.notChecked("the target is gone");
        }
        try {
            if (map.classHierarchy().contains(TreeMapCheck.TREE_MAP)) {
                return RaceDamage.of(TreeMapCheck.check(map, RaceDamage.MAX_ENTRIES));
            }
            WalkOptions options = new WalkOptions(RaceDamage.MAX_ENTRIES, 0, 0, 60, -1, -1);
            BucketLayout layout = backend.layout(new JdwpMapReferences.Resolved(map, ref.path()),
                    options, true, WalkProgress.NONE);
            var integrity = layout.integrity();
            return new Race.Damage(true, integrity.ok(), layout.size(), layout.entries(), integrity.problems(),
                    layout.sampled() ? "walk bounded at " + RaceDamage.MAX_ENTRIES + " entries" : null);
        } catch (NotAHashMapException e) {
            return Race.Damage.notChecked("no integrity check for " + ref.className() + " (buckets decodes hash maps)");
        } catch (RuntimeException e) {
            return Race.Damage.notChecked("the integrity check failed: " + e.getMessage());
        }
    }
}
