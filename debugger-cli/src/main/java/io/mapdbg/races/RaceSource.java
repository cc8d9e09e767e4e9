package io.mapdbg.races;

import java.util.List;

/**
 * Where overlaps come from: something that sees writers enter and leave the mutators of watched maps and tells
 * the {@link OverlapSink} when a second thread enters while a first is still inside.
 *
 * <p>Implementations: {@link JdwpRaceSource} (entry and return breakpoints per watched instance over JDI; slows
 * the watched maps and, through the instance filters, every map write in the JVM).
 *
 * <p>{@link AgentRaceSource}: the agent's hooks keep a writer marker per map instance in the target (Go's
 * hashWriting); {@code hooks.watch mode=races} per map or {@code hooks.races all=true} for --all, the overlap log
 * polled with {@code hooks.overlaps}, everything unwatched and {@code hooks.clear}ed on close. Chosen by
 * RaceWatchOptions when the agent is connected, asked for (--agent) or the only way in (no JDWP).
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
