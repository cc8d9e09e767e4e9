package io.mapdbg.command;

import io.mapdbg.backend.ValueHistory;
import io.mapdbg.breakpoints.AgentTraces;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.Result;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.backend.agent.AgentBackend;
import io.mapdbg.backend.agent.AgentIds;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.model.ThreadRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "trace", aliases = {"tr"},
        description = {"Print a line for each hit of a location and let the thread run on at once.",
                "",
                "trace [NAME] LOCATION [--map M] [--thread T] [--count N] [--writes-only] [if CONDITION]",
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
                "Each mapassign hit has an op: put (put, putIfAbsent, putAll, replace), remove, clear, or compute "
                        + "(compute, computeIfAbsent, computeIfPresent, merge: these may only have read). --writes-only "
                        + "leaves the compute ops out (through JDWP they are not even armed): puts, removes and clears "
                        + "only. By default every op is traced.",
                "",
                "With the mapdbg agent (trace --agent, or a JVM without JDWP), trace mapassign is served by the agent, "
                        + "with --map, --thread, --count, --writes-only and if: a hook in the map classes' write paths "
                        + "checks M's identity, so other maps pay one comparison and nothing runs interpreted. Without "
                        + "--map every write of every map is offered (as through JDWP: bounded, not sampled; what the "
                        + "agent's ring of 32,768 cannot hold is counted as dropped, and every map's writes pay the "
                        + "hook while it runs). --thread and if are tested in the target, on the writing thread, "
                        + "before an event is queued: a condition reads fields only (key, value, this = the map, a "
                        + "bare name = a field of the map; literals, comparisons, && || !, arithmetic, instanceof; "
                        + "strings compare by value); helper calls and static paths are refused before arming; a "
                        + "condition that fails counts as not met and is said once. Hits have the same fields and "
                        + "JSON as through JDWP (caller: the first frame outside java.util; source: agent; map ids "
                        + "are the agent's). The agent also sees TreeMap's writes. clearall, detach and exit take the "
                        + "hooks out again. With JDWP attached, --thread, if and a trace without --map stay on JDWP "
                        + "unless --agent is given.",
                "",
                SetBreakpoint.COST,
                ""})
public final class TraceCommand extends SetBreakpoint {
    @Option(names = "--agent", description = "Serve trace mapassign with the mapdbg agent (loaded into a local "
            + "PID through the Attach API if it is not running yet).")
    boolean agent;

    /** Served by either backend: through the agent alone, trace mapassign --map M (the rest says it needs JDWP). */
    @Override
    public Needs needs() {
        return Needs.BACKEND;
    }

    @Option(names = "--writes-only", description = "mapassign: puts, removes and clears only, not compute*/merge "
            + "(which may only read).")
    boolean writesOnlyOption;

    @Override
    boolean writesOnly() {
        return writesOnlyOption;
    }

    @Override
    boolean stops() {
        return false;
    }

    @Override
    public void check() {
        super.check();
        if (agent && !agentShape()) {
            throw new CommandException("trace --agent serves mapassign only ([--map M] [--thread T] [if COND])", 2);
        }
        if (writesOnlyOption && !agentShape()) {
            throw new CommandException("trace: --writes-only goes with mapassign", 2);
        }
    }

    private boolean agentShape() {
        return words.get(words.size() - 1).equals("mapassign");
    }

    @Override
    public Result run(CommandContext context) {
        check();
        boolean jdwpIds = context.session().isPresent() && !agent && (map == null || !map.contains("."));
        if (agent) {
            context.requireAgent();
        }
        // with JDWP attached (and no --agent), the agent serves only what it served before: --map Cls.F alone
        boolean byAgent = context.agentClient().isPresent() && agentShape()
                && (agent || context.session().isEmpty() || (!jdwpIds && thread == null && condition == null));
        if (!byAgent) {
            if (context.agentOnly()) {
                throw new CommandException("trace: through the agent only trace mapassign is served; the rest needs JDWP");
            }
            return super.run(context);
        }
        AgentTraces traces = context.agentTraces();
        BreakpointInfo info;
        try {
            info = traces.trace(new AgentTraces.Spec(words.size() == 2 ? words.get(0) : null,
                    map == null ? null : agentMapArgs(map, context.history()),
                    thread == null ? null : agentThread(context.agentBackend(), thread),
                    condition == null ? null : context.sourceOf(conditionWords), count, writesOnlyOption,
                    output.json()));
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

    /** --thread through the agent: the Java thread id (jstack's #N) or the exact name, looked up in the agent's dump. */
    static ThreadRef agentThread(AgentBackend agent, String idOrName) {
        String text = idOrName.trim();
        if (text.startsWith("@")) {
            throw new CommandException("trace: --thread @ID takes a JDWP id; through the agent use the thread's id as "
                    + "threads lists it, or its name", 2);
        }
        Long wanted = null;
        try {
            wanted = Long.parseLong(text);
        } catch (NumberFormatException e) {
            // a name
        }
        ThreadList all = (ThreadList) agent.threads(new ThreadQuery(null, null, 0, false, 0));
        java.util.List<ThreadInfo> found = new java.util.ArrayList<>();
        for (ThreadInfo t : all.threads()) {
            if (wanted == null ? t.name().equals(text) : t.id() == wanted) {
                found.add(t);
            }
        }
        if (found.isEmpty()) {
            throw new CommandException("trace: no thread " + (wanted == null ? "named " : "with id ") + text
                    + " in the target (threads lists them)");
        }
        if (found.size() > 1) {
            throw new CommandException("trace: " + found.size() + " threads are named " + text + ": use the id (ids "
                    + found.stream().map(t -> Long.toString(t.id())).toList() + ")", 2);
        }
        return new ThreadRef(found.get(0).name(), found.get(0).id());
    }

    /** A map reference as the agent takes it: path=Cls.FIELD, or id=N for @N and $N (ids the agent printed). */
    static Map<String, String> agentMapArgs(String mapRef, ValueHistory history) {
        return AgentIds.args(MapPaths.check("trace", mapRef), history);
    }
}
