package io.mapdbg.backend.agent;

import io.mapdbg.backend.CensusOptions;
import io.mapdbg.model.ClassCount;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.MapSummary;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * maps through the agent: the maps that static fields of loaded classes hold (and the fields of the objects
 * application statics hold, one level down). Not a heap census: a map only a local variable or a collection
 * reaches is not counted, and the output says so.
 */
public final class AgentMaps {
    private final AgentClient agent;

    public AgentMaps(AgentClient agent) {
        this.agent = agent;
    }

    private record Found(long id, String className, long size, int capacity, int nonEmptyBins, String path) {
    }

    public MapCensus census(CensusOptions options) {
        DataInputStream in = agent.call("maps", Map.of());
        List<Found> found = new ArrayList<>();
        int statics;
        try {
            statics = in.readInt();
            in.readLong();
            for (int n = in.readInt(); n > 0; n--) {
                found.add(new Found(in.readLong(), in.readUTF(), in.readLong(), in.readInt(), in.readInt(), in.readUTF()));
            }
        } catch (IOException e) {
            throw new TargetException("the agent's map list could not be read: " + e, e);
        }
        found.removeIf(f -> !options.accepts(f.className()) || f.size() < options.minSize());
        Map<String, Long> perClass = new TreeMap<>();
        found.forEach(f -> perClass.merge(f.className(), 1L, Long::sum));
        List<ClassCount> classes = new ArrayList<>();
        perClass.forEach((c, n) -> classes.add(new ClassCount(c, n)));
        classes.sort(Comparator.comparingLong(ClassCount::count).reversed().thenComparing(ClassCount::className));
        Comparator<Found> key = switch (options.sort()) {
            case SIZE -> Comparator.comparingLong(Found::size);
            case CAPACITY -> Comparator.comparingLong(Found::capacity);
            case COLLISIONS -> Comparator.comparingLong(f -> f.size() - f.nonEmptyBins());
        };
        found.sort(key.reversed().thenComparing(f -> -f.size()).thenComparingLong(Found::id));
        List<MapSummary> top = new ArrayList<>();
        for (Found f : found.subList(0, Math.min(options.top(), found.size()))) {
            top.add(new MapSummary(f.id(), f.className(), f.size(), f.capacity(), (int) (f.size() - f.nonEmptyBins()), f.path()));
        }
        String scope = String.format("maps that static fields of loaded classes reach, from %,d static fields: "
                + "not a full heap census (that needs JDWP)", statics);
        return new MapCensus(List.copyOf(classes), List.copyOf(top), found.size(), options.sort().name().toLowerCase(),
                found.size() > top.size(), "agent", scope);
    }
}
