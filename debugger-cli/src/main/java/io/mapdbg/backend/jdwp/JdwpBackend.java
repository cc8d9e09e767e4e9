package io.mapdbg.backend.jdwp;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.CensusOptions;
import io.mapdbg.backend.Feature;
import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.RaceWatch;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.MapLayouts;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackProfile;
import io.mapdbg.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The JDWP backend: a Session (JDI) on a JVM started with -agentlib:jdwp. Decodes maps from outside (a round trip
 * per node), holds the target still where asked, and is the only way to stopped threads and breakpoints.
 */
public final class JdwpBackend implements Backend {
    private final Session session;
    private final ValueHistory history;

    public JdwpBackend(Session session, ValueHistory history) {
        this.session = session;
        this.history = history;
    }

    public Session session() {
        return session;
    }

    @Override
    public String via() {
        return "jdwp";
    }

    @Override
    public boolean can(Feature feature) {
        return feature != Feature.WRITE_HOOKS;
    }

    @Override
    public MapCensus census(CensusOptions options, WalkProgress progress) {
        return new JdwpCensus(session).census(options, progress);
    }

    @Override
    public BucketLayout layout(MapReference map, WalkOptions options, boolean suspend, WalkProgress progress) {
        return layout(new JdwpMapReferences(session, history).resolve(map), options, suspend, progress);
    }

    /**
     * Walks the map. With suspend, the whole VM is held still for the walk (a consistent picture; always
     * resumed). The static path is looked up when the user named the map by id.
     */
    BucketLayout layout(JdwpMapReferences.Resolved map, WalkOptions options, boolean suspend, WalkProgress progress) {
        return session.call("buckets", () -> {
            String path = map.path() != null ? map.path()
                    : session.staticHoldersOf(List.of(map.object())).get(map.object().id());
            Supplier<BucketLayout> walk = () -> MapLayouts.decode(map.object(), path, options, progress);
            return (suspend ? session.suspended(walk) : walk.get()).withSource("jdwp");
        });
    }

    @Override
    public Result threads(ThreadQuery q) {
        return new JdwpThreads(session).threads(q);
    }

    @Override
    public BlockedReport blocked(BlockedOptions options) {
        return new JdwpBlocked(session).blocked(options);
    }

    @Override
    public StackProfile blockedStacks(BlockedOptions options, int top, int depth) {
        return new JdwpBlocked(session).grouped(options, top, depth);
    }

    @Override
    public RaceReport watchRaces(RaceWatch watch, Consumer<Race> onFirst, WalkProgress progress) {
        List<JdwpMapReferences.Resolved> maps = new ArrayList<>();
        JdwpMapReferences refs = new JdwpMapReferences(session, history);
        watch.maps().forEach(m -> maps.add(refs.resolve(m)));
        var options = new JdwpRaces.Options(maps, watch.all(), watch.top(), watch.duration(), watch.holdMillis(),
                watch.sample());
        return new JdwpRaces(this).watch(options, onFirst, progress);
    }

    @Override
    public String lost(RaceReport report) {
        return session.events().targetGone() ? "the target VM exited" : null;
    }
}
