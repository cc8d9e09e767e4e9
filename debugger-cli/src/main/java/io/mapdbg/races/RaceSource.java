package io.mapdbg.races;

import java.util.List;

/**
 * Where overlaps come from: something that sees writers enter and leave the mutators of watched maps and tells
 * the {@link OverlapSink} when a second thread enters while a first is still inside.
 *
 * <p>Implementations: {@link JdwpRaceSource} (entry and return breakpoints per watched instance over JDI; slows
 * the watched maps). TODO(agent): an {@code AgentRaceSource} plugs in here once the agent's write hooks land
 * (branch {@code hooks}: a per-instance writer marker in the hooked mutators, and an overlaps API that reports
 * map id, both threads, their stacks and keys). It would arm the watched maps through the agent's control channel
 * in {@link #start}, poll or stream the hooks' overlaps into the sink, and disarm in {@link #close}; {@code
 * RaceService.source} picks it when the agent is loaded and keeps this JDWP source as the fallback.
 */
public interface RaceSource extends AutoCloseable {
    /** "jdwp" or "agent": which way into the target serves the watch; shown in the report. */
    String way();

    /** Arms the watch on these maps; overlaps go to sink (from any thread) until {@link #close()}. */
    void start(List<WatchedTarget> maps, OverlapSink sink);

    /** Writes (outermost mutator entries) seen per map id so far, and distinct writer threads per map id. */
    WriteCounts counts();

    /** What this way of watching costs the target, for the report. */
    List<String> notes();

    /** Disarms everything and resumes every thread it held; idempotent, safe on a dead target. */
    @Override
    void close();

    /** Per map id: writes seen and distinct writers. */
    record WriteCounts(java.util.Map<Long, Long> writes, java.util.Map<Long, Integer> writers) {
    }
}
