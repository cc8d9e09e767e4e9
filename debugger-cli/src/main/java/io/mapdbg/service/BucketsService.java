package io.mapdbg.service;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.UserError;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BucketLayout;

/** buckets: one map's layout, from whichever backend the session has. */
public final class BucketsService {
    private final Backend backend;

    public BucketsService(Backend backend) {
        this.backend = backend;
    }

    /**
     * Walks the map (suspend: held still where the backend can). --bins names bins of the table the walk found
     * (its size is known only then): a range that starts past its end shows nothing and is refused (exit 2); one
     * that runs past it lists the bins up to the end. binsText is the option as typed, for that message.
     */
    public BucketLayout layout(MapReference map, WalkOptions options, boolean suspend, WalkProgress progress,
                               String binsText) {
        BucketLayout layout = backend.layout(map, options, suspend, progress);
        int n = layout.capacity();
        if (options.binsFrom() >= 0 && options.binsFrom() >= n) {
            throw new UserError("buckets: --bins " + binsText.trim() + ": " + (n == 0
                    ? "the map has no table yet (0 bins)"
                    : "the table has " + String.format("%,d", n) + " bins (0-" + (n - 1) + ")"), UserError.USAGE);
        }
        return layout;
    }
}
