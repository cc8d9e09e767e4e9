package io.mapdbg.service;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.CensusOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.MapCensus;

/** maps: the census of map instances, from whichever backend the session has (the agent's says what it covers). */
public final class MapsService {
    private final Backend backend;

    public MapsService(Backend backend) {
        this.backend = backend;
    }

    public MapCensus census(CensusOptions options, WalkProgress progress) {
        return backend.census(options, progress);
    }
}
