package io.mapdbg.command;

import io.mapdbg.model.MapRef;
import io.mapdbg.model.Result;
import io.mapdbg.service.BreakpointService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "break", aliases = {"br"},
        description = {"Stop the thread that reaches a location (a map write, a resize, a method, a line).",
                "",
                "break [NAME] LOCATION [--map M] [--thread T] [--count N] [if CONDITION]",
                "",
                SetBreakpoint.LOCATIONS,
                "",
                "Only the hitting thread stops (the others run on); it becomes the focus of stack/print, and continue "
                        + "resumes it. A hit on a map write reports the thread, the map (@id, class, path), key, value and the "
                        + "caller frame. CONDITION for now: key == \"literal\", value == \"literal\", hitcount >= N "
                        + "(the expression language brings the rest).",
                "",
                "break mapassign --map Cls.FIELD --agent (JDWP and the mapdbg agent): the agent's write hook calls "
                        + "io.mapdbg.agent.boot.MapHook.hit(map, key, value, site) for writes to that map only, and the "
                        + "breakpoint sits there, so every other map's writes stay compiled. The hit's location is "
                        + "MapHook.hit: args shows map, key and value, stack the write path under it. No if with --agent.",
                "",
                SetBreakpoint.COST,
                ""})
public final class BreakCommand extends SetBreakpoint {
    static final String HOOK_METHOD = "io.mapdbg.agent.boot.MapHook.hit";

    @Option(names = "--agent", description = "Break on writes to a map given by static path through the mapdbg agent's "
            + "write hook (loaded into a local PID if needed): other maps stay compiled.")
    boolean agent;

    @Override
    boolean stops() {
        return true;
    }

    @Override
    public void check() {
        super.check();
        String location = words.get(words.size() - 1);
        if (agent && (!location.equals("mapassign") || map == null || !map.contains(".") || map.startsWith("@")
                || condition != null)) {
            throw new CommandException("break --agent takes mapassign --map Cls.FIELD (a static path; no if)", 2);
        }
    }

    @Override
    public Result run(CommandContext context) {
        if (!agent) {
            return super.run(context);
        }
        check();
        context.requireSession(); // JDWP first: the agent is loaded only for a session that can break
        context.requireAgent();
        BreakpointService service = context.breakpointService();
        BreakpointService.Filters filters = service.filters("break", null, null, thread); // before the agent arms a hook
        MapRef watched = context.agentTraces().watchForBreak(TraceCommand.agentMapArgs(map, context.history()));
        Result info;
        try {
            // no instance filter: hit is static, and the agent calls it only for the watched map
            info = service.set(new BreakpointService.Setup(words.size() == 2 ? words.get(0) : null, true, HOOK_METHOD,
                    filters.withPath(watched.path()), count, null, output.json(), false));
        } catch (IllegalArgumentException e) {
            throw new CommandException("break: " + e.getMessage(), 2);
        }
        if (!context.interactive()) {
            context.announce(info, output.json());
            return endOfOneShot("break", service.resume(true));
        }
        return info;
    }
}
