package io.mapdbg.backend.jdwp;

import com.sun.jdi.ClassType;
import io.mapdbg.backend.CensusOptions;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.inspect.MapLayouts;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.ClassCount;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.MapSummary;
import io.mapdbg.session.Session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** maps: a census of the hash maps in the heap, counted per exact class, with the largest listed. */
public final class JdwpCensus {
    /** The families we decode; loaded subclasses of each (LinkedHashMap, Properties, app classes) come along. */
    static final List<String> FAMILIES = List.of(
            "java.util.HashMap", "java.util.concurrent.ConcurrentHashMap", "java.util.Hashtable",
            "java.util.WeakHashMap", "java.util.IdentityHashMap", "java.util.Collections$SynchronizedMap");

    private final Session session;

    public JdwpCensus(Session session) {
        this.session = session;
    }

    public MapCensus census(CensusOptions options, WalkProgress progress) {
        return session.call("maps", () -> session.suspended(() -> take(options, progress)));
    }

    private MapCensus take(CensusOptions options, WalkProgress progress) {
        List<ClassType> types = new ArrayList<>(session.loadedClassesInFamilies(FAMILIES));
        types.removeIf(t -> !options.accepts(t.name()));
        long[] counts = session.instanceCounts(types);
        List<ClassCount> classes = new ArrayList<>();
        long candidates = 0;
        for (int i = 0; i < types.size(); i++) {
            if (counts[i] > 0) {
                classes.add(new ClassCount(types.get(i).name(), counts[i]));
                candidates += counts[i];
            }
        }
        classes.sort(Comparator.comparingLong(ClassCount::count).reversed().thenComparing(ClassCount::className));

        boolean collisions = options.sort() == CensusOptions.Sort.COLLISIONS;
        List<Candidate> found = new ArrayList<>();
        long done = 0;
        for (int i = 0; i < types.size(); i++) {
            if (counts[i] == 0) {
                continue;
            }
            List<HeapObject> instances = session.instances(types.get(i));
            for (int ordinal = 0; ordinal < instances.size(); ordinal++) {
                HeapObject map = instances.get(ordinal);
                progress.update(++done, candidates, done);
                MapLayouts.QuickStats stats;
                try {
                    stats = MapLayouts.quickStats(map, collisions);
                } catch (RuntimeException unreadable) {
                    continue; // collected or half-built maps are skipped, not fatal to the census
                }
                if (stats.size() >= options.minSize()) {
                    found.add(new Candidate(map, types.get(i).name(), ordinal, instances.size(), stats));
                }
            }
        }
        found.sort(order(options.sort()));
        List<Candidate> top = found.subList(0, Math.min(options.top(), found.size()));

        Map<Long, String> paths = top.isEmpty() ? Map.of()
                : session.staticHoldersOf(top.stream().map(Candidate::map).toList());
        List<MapSummary> listed = new ArrayList<>();
        for (Candidate c : top) {
            Integer collided = c.stats().nonEmptyBins() != null ? (int) (c.stats().size() - c.stats().nonEmptyBins())
                    : collisionsOf(c.map());
            String path = paths.get(c.map().id());
            listed.add(new MapSummary(c.map().id(), c.className(), c.stats().size(), c.stats().capacity(), collided, path));
            session.remember(c.map().id(), c.className(), path);
        }
        session.saveLocators();
        String sort = options.sort().name().toLowerCase();
        return new MapCensus(classes, listed, found.size(), sort, found.size() > listed.size(), "jdwp",
                "every instance in the heap");
    }

    private static Integer collisionsOf(HeapObject map) {
        try {
            MapLayouts.QuickStats s = MapLayouts.quickStats(map, true);
            return s.nonEmptyBins() == null ? null : (int) (s.size() - s.nonEmptyBins());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static Comparator<Candidate> order(CensusOptions.Sort sort) {
        Comparator<Candidate> key = switch (sort) {
            case SIZE -> Comparator.comparingLong(c -> c.stats().size());
            case CAPACITY -> Comparator.comparingLong(c -> c.stats().capacity());
            case COLLISIONS -> Comparator.comparingLong(c -> c.stats().nonEmptyBins() == null ? 0
                    : c.stats().size() - c.stats().nonEmptyBins());
        };
        return key.reversed().thenComparing(c -> -c.stats().size()).thenComparingLong(c -> c.map().id());
    }

    private record Candidate(HeapObject map, String className, int ordinal, int classCount, MapLayouts.QuickStats stats) {
    }
}
