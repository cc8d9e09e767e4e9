package io.mapdbg.races;

import java.util.List;

/**
 * Where overlaps come from: something that sees writers enter and leave the mutators of watched maps and tells
 * the {@link OverlapSink} when a second thread enters while a first is still inside.
 *
 * <p>Implementations: {@link JdwpRaceSource} (entry and return breakpoints per watched instance over JDI; slows
 * the watched maps and, through the instance filters, every map write in the JVM).
 *
 * <p>TODO(agent): an {@code AgentRaceSource} plugs in here once the agent and its write hooks are merged (branches
 * {@code agent} and {@code hooks}: {@code session/agent/AgentClient} on this side; a per-instance writer marker in
 * the hooked mutators, Go's hashWriting, and an overlap log in the target). Over the control channel:
 * {@link #start} sends {@code hooks.watch path=P mode=races} per map (or {@code hooks.races all=true reset=true}
 * for --all, no bound needed: unwatched maps pay one comparison); overlaps are polled with {@code hooks.overlaps}
 * (each map once: agent id, class, count, first time, per thread its name, key and stack) and handed to the sink,
 * with {@code atNanos} from the first time; {@link #counts} from {@code hooks.stats}; {@link #close} sends
 * {@code hooks.unwatch} per map (or {@code hooks.races all=false}) and {@code hooks.clear} when nothing else is
 * watched. {@code RaceService.source} then picks it when the agent is loaded (way "agent") and keeps this JDWP
 * source as the fallback; agent ids map to {@code @id}s through the agent's object ids.
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
