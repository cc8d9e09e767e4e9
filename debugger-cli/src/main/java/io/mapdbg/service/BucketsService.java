package io.mapdbg.service;

import io.mapdbg.inspect.MapLayouts;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.session.Session;

import java.util.function.Supplier;

/** buckets: one map's layout, walked over JDWP. */
public final class BucketsService {
    private final Session session;

    public BucketsService(Session session) {
        this.session = session;
    }

    /**
     * Walks the map. With suspend, the whole VM is held still for the walk (a consistent picture; always
     * resumed). The static path is looked up when the user named the map by id.
     */
    public BucketLayout layout(MapReferences.Resolved map, WalkOptions options, boolean suspend, WalkProgress progress) {
        return session.call("buckets", () -> {
            String path = map.path() != null ? map.path() : session.staticHolder(map.object());
            Supplier<BucketLayout> walk = () -> MapLayouts.decode(map.object(), path, options, progress);
            return (suspend ? session.suspended(walk) : walk.get()).withSource("jdwp");
        });
    }
}
