package io.mapdbg.backend.agent;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.CensusOptions;
import io.mapdbg.backend.Feature;
import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.RaceWatch;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackProfile;
import io.mapdbg.session.agent.AgentClient;

import java.util.function.Consumer;

/**
 * The agent backend: the mapdbg agent inside the target, over its control channel. Maps are walked and threads
 * dumped in-process (milliseconds, nothing suspended); maps are those static fields reach; write hooks watch races.
 * No stopped threads, frames or suspending breakpoints.
 */
public final class AgentBackend implements Backend {
    /** An agent note on a race report that says the watch lost the agent (the rest of the note is why). */
    static final String LOST = "the agent stopped answering: ";

    private final AgentClient agent;
    private final ValueHistory history;
    private final AgentThreads threads; // one per backend: it keeps a dump asked for ahead

    public AgentBackend(AgentClient agent, ValueHistory history) {
        this.agent = agent;
        this.history = history;
        this.threads = new AgentThreads(agent);
    }

    public AgentClient client() {
        return agent;
    }

    @Override
    public String via() {
        return "agent";
    }

    @Override
    public boolean can(Feature feature) {
        return feature == Feature.WRITE_HOOKS;
    }

    @Override
    public MapCensus census(CensusOptions options, WalkProgress progress) {
        return new AgentMaps(agent).census(options);
    }

    /** Walked inside the target, live: the agent never suspends it (suspend is not available here). */
    @Override
    public BucketLayout layout(MapReference map, WalkOptions options, boolean suspend, WalkProgress progress) {
        return new AgentBuckets(agent).layout(map, options, history);
    }

    @Override
    public Result threads(ThreadQuery query) {
        return threads.threads(query);
    }

    @Override
    public BlockedReport blocked(BlockedOptions options) {
        return threads.blocked(options);
    }

    @Override
    public StackProfile blockedStacks(BlockedOptions options, int top, int depth) {
        return threads.grouped(options, top, depth);
    }

    /**
     * Asks for a blocked report's thread dump now, so that the target takes it while this JVM parses the command
     * line; the next {@link #blocked} with the same allWaits uses it.
     */
    public void prefetchBlocked(boolean allWaits) {
        threads.prefetch(allWaits);
    }

    /** System.nanoTime() when the dump asked for ahead arrived (for -Dmapdbg.timing). */
    public long prefetchedAt() {
        return threads.prefetchedAt();
    }

    @Override
    public RaceReport watchRaces(RaceWatch watch, Consumer<Race> onFirst, WalkProgress progress) {
        return new AgentRaces(agent).watch(watch.maps(), watch.all(), watch.duty(), watch.duration(), history, onFirst,
                progress);
    }

    @Override
    public String lost(RaceReport report) {
        return report.notes().stream().filter(n -> n.startsWith(LOST)).findFirst()
                .map(n -> "the agent stopped answering (" + n.substring(LOST.length()) + ")").orElse(null);
    }
}
