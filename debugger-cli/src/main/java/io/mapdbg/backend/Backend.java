package io.mapdbg.backend;

import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.Race;
import io.mapdbg.model.RaceReport;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackProfile;

import java.util.function.Consumer;

/**
 * One way into a target, chosen when a session opens (as Delve's proc.Target has its native, core and gdbserial
 * backends): JDWP ({@link io.mapdbg.backend.jdwp.JdwpBackend}, over a Session) or the mapdbg agent
 * ({@link io.mapdbg.backend.agent.AgentBackend}, over an AgentClient). Both answer with the same model records; a
 * record's source names the way that served it. A command asks for {@link Feature}s, never for a transport.
 */
public interface Backend {
    /** "jdwp" or "agent": the source results name. */
    String via();

    boolean can(Feature feature);

    /** maps: the map instances per class and the largest (through the agent: those static fields reach). */
    MapCensus census(CensusOptions options, WalkProgress progress);

    /** buckets: one map's layout; suspend holds the target still where the backend can (else it walks live). */
    BucketLayout layout(MapReference map, WalkOptions options, boolean suspend, WalkProgress progress);

    /** threads: a ThreadList, or a StackProfile with query.group(). */
    Result threads(ThreadQuery query);

    /** threads --blocked, blocked: who waits on which lock. */
    BlockedReport blocked(BlockedOptions options);

    /** threads --blocked --group: the selected waiters' stacks grouped, largest group first. */
    StackProfile blockedStacks(BlockedOptions options, int top, int depth);

    /** races, watch races: watches for the duration, then checks each raced map's integrity. */
    RaceReport watchRaces(RaceWatch watch, Consumer<Race> onFirst, WalkProgress progress);

    /** Why a watch may have ended early (the target exited, the agent stopped answering), or null. */
    String lost(RaceReport report);
}
