package io.mapdbg.command;

import io.mapdbg.backend.ValueHistory;
import io.mapdbg.breakpoints.AgentTraces;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.Result;
import io.mapdbg.backend.agent.AgentIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "trace", aliases = {"tr"},
        description = {"Print a line for each hit of a location and let the thread run on at once.",
                "",
                "trace [NAME] LOCATION [--map M] [--thread T] [--count N] [if CONDITION]",
                "",
                SetBreakpoint.LOCATIONS,
                "",
                "The same filters as break. In the REPL hits print above the prompt as they come (continue waits "
                        + "for them); as a one-shot command (mapdbg trace <pid> ...) it runs until --count is reached or "
                        + "the target exits. With --json each hit is one JSON object.",
                "",
                "The thread runs on as soon as its hit is read; the hit waits for the printer in a bounded queue "
                        + "(10,000 hits; -Dmapdbg.traceQueue=N). When the printer cannot keep up, hits are dropped and "
                        + "counted, never waited for: a note says so once a second (\"trace t1: 1,234 events dropped\"; "
                        + "JSON {\"type\":\"dropped\"}), breakpoints shows the count, and so does the line that ends a "
                        + "one-shot trace. --count counts dropped hits too. A trace with on commands keeps its thread "
                        + "stopped while they run, and drops nothing.",
                "",
                "With the mapdbg agent loaded (attach --agent, or a JVM without JDWP), trace mapassign --map M is "
                        + "served by the agent: a hook in the map classes' write paths checks M's identity, so other "
                        + "maps pay one comparison and nothing runs interpreted. Hits have the same fields (no caller; "
                        + "the thread's Java id, as everywhere); events the agent's ring (32,768) could not hold are "
                        + "counted as dropped. "
                        + "clearall, detach and exit take the hooks out again. --thread and if need JDWP.",
                "",
                SetBreakpoint.COST,
                ""})
public final class TraceCommand extends SetBreakpoint {
    @Option(names = "--agent", description = "Serve trace mapassign --map M with the mapdbg agent (loaded into a local "
            + "PID through the Attach API if it is not running yet).")
    boolean agent;

    /** Served by either backend: through the agent alone, trace mapassign --map M (the rest says it needs JDWP). */
    @Override
    public Needs needs() {
        return Needs.BACKEND;
    }

    @Override
    boolean stops() {
        return false;
    }

    @Override
    public void check() {
        super.check();
        if (agent && !agentShape()) {
            throw new CommandException("trace --agent serves mapassign --map M only (no --thread, no if)", 2);
        }
    }

    private boolean agentShape() {
        return words.get(words.size() - 1).equals("mapassign") && map != null && thread == null && condition == null;
    }

    @Override
    public Result run(CommandContext context) {
        check();
        boolean agentShape = agentShape();
        boolean jdwpIds = context.session().isPresent() && !agent && (map == null || !map.contains("."));
        if (agent) {
            context.requireAgent();
        }
        if (context.agentClient().isEmpty() || !agentShape || jdwpIds) {
            if (context.agentOnly()) {
                throw new CommandException("trace: through the agent only trace mapassign --map M (no --thread, no if)"
                        + " is served; the rest needs JDWP");
            }
            return super.run(context);
        }
        AgentTraces traces = context.agentTraces();
        BreakpointInfo info;
        try {
            info = traces.trace(words.size() == 2 ? words.get(0) : null, agentMapArgs(map, context.history()), count,
                    output.json());
        } catch (IllegalArgumentException e) {
            throw new CommandException("trace: " + e.getMessage(), 2);
        }
        if (context.interactive()) {
            return info;
        }
        context.announce(info, output.json());
        try {
            return endOfOneShot("trace", traces.await(info.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            traces.clearAll();
            throw new CommandException("trace: interrupted");
        }
    }

    /** A map reference as the agent takes it: path=Cls.FIELD, or id=N for @N and $N (ids the agent printed). */
    static Map<String, String> agentMapArgs(String mapRef, ValueHistory history) {
        return AgentIds.args(MapPaths.check("trace", mapRef), history);
    }
}
