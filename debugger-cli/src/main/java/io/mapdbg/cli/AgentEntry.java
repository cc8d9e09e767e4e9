package io.mapdbg.cli;

import io.mapdbg.command.CommandInfo;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.session.TargetText;
import io.mapdbg.session.NoJdwpException;
import io.mapdbg.session.Target;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The way in through the mapdbg agent, for the command line: {@code --agent}, and what to do with a JVM that has
 * no JDWP (use a running agent, offer to load one on a terminal, say what to run otherwise).
 */
final class AgentEntry {
    static final String FLAG = "--agent";

    private AgentEntry() {
    }

    /** The commands a session through the agent alone serves, as the registry declares them (Needs.BACKEND). */
    static String served(CommandRegistry registry) {
        List<String> names = new ArrayList<>();
        for (CommandInfo c : registry.commands()) {
            if (c.needs().servedByAgent()) {
                names.add(c.name());
            }
        }
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    static boolean flagged(List<String> args) {
        return args.contains(FLAG);
    }

    static List<String> without(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        rest.removeIf(FLAG::equals);
        return rest;
    }

    /**
     * threads --blocked (and blocked) on a local PID whose JVM runs the mapdbg agent already: the agent's in-target
     * thread dump is the fast path (no JDWP attach, no pause), and the default: it reads what the JDWP path reads
     * (RRWL read holders, latches kept as map values). MAPDBG_THREADS=jdwp (or -Dmapdbg.threads=jdwp) keeps JDWP.
     * Null when it does not apply (no agent running there: JDWP, which does not load one).
     */
    static AgentClient fastPath(String command, List<String> rest, PrintStream err) {
        AgentClient running = runningForDump(command, rest);
        if (running != null) {
            announceDump(command, running.pid(), err);
        }
        return running;
    }

    /** The agent running in the target of a blocked report (see {@link #fastPath}), said nowhere yet; else null. */
    static AgentClient runningForDump(String command, List<String> rest) {
        boolean dump = command.equals("blocked") || (command.equals("threads") && rest.contains("--blocked"));
        String via = System.getProperty("mapdbg.threads", System.getenv("MAPDBG_THREADS"));
        if (!dump || rest.isEmpty() || "jdwp".equalsIgnoreCase(via)) {
            return null;
        }
        Target target;
        try {
            target = Target.parse(rest.get(0));
        } catch (RuntimeException e) {
            return null;
        }
        if (!(target instanceof Target.Pid p)) {
            return null;
        }
        return AgentLoader.running(p.pid()).orElse(null);
    }

    /** Says that a blocked report comes from the agent running in pid (the one line of that choice). */
    static void announceDump(String command, long pid, PrintStream err) {
        String what = command.equals("threads") ? "threads --blocked" : command;
        err.println("mapdbg: " + what + " through the mapdbg agent running in pid " + pid
                + " (its own dump, no JDWP suspension; MAPDBG_THREADS=jdwp for JDWP)");
    }

    /** The PID of a target word, or a usage error: the agent is loaded through the Attach API, locally. */
    static long pid(String targetWord) {
        Target target = Target.parse(targetWord);
        if (target instanceof Target.Pid p) {
            return p.pid();
        }
        throw TargetException.usage("--agent needs a local PID, not " + targetWord + " (the agent is loaded through the Attach API)");
    }

    /** Loads (or finds) the agent and connects, saying on err when it was loaded just now. */
    static AgentClient connect(long pid, PrintStream err) {
        AgentLoader.Connected c = AgentLoader.connect(pid, true);
        if (c.loadedNow()) {
            err.println("mapdbg: loaded the mapdbg agent into pid " + pid + " (it stays until the JVM exits;"
                    + " JDK 21+ prints a warning about dynamically loaded agents, see README)");
        }
        return c.client();
    }

    /**
     * A JVM without JDWP, for a command the agent serves: an agent already running there is used; else null,
     * after telling the user how to load one.
     */
    static AgentClient forJvmWithoutJdwp(NoJdwpException e, String command, PrintStream err) {
        Optional<AgentClient> running = AgentLoader.running(e.pid());
        if (running.isPresent()) {
            err.println("mapdbg: pid " + e.pid() + " has no JDWP; using the mapdbg agent running in it");
            return running.get();
        }
        err.println("mapdbg: " + TargetText.clean(e.getMessage()));
        err.println("mapdbg: or load the mapdbg agent into it (buckets, maps, threads, trace, races; no suspending breakpoints): mapdbg "
                + command + " " + e.pid() + " " + FLAG + " ...");
        return null;
    }

    /** attach to a JVM without JDWP: on a terminal ask whether to load the agent; piped, say what to run. */
    static AgentClient offer(NoJdwpException e, InputStream in, PrintStream err, boolean terminal) {
        Optional<AgentClient> running = AgentLoader.running(e.pid());
        if (running.isPresent()) {
            err.println("mapdbg: pid " + e.pid() + " has no JDWP; using the mapdbg agent running in it");
            return running.get();
        }
        err.println("mapdbg: " + TargetText.clean(e.getMessage()));
        if (!terminal) {
            err.println("mapdbg: or use the mapdbg agent (buckets, maps, threads, trace, races; no suspending breakpoints): mapdbg attach "
                    + e.pid() + " " + FLAG);
            return null;
        }
        err.print("Load the mapdbg agent into pid " + e.pid() + " instead (buckets, maps, threads, trace, races; no suspending breakpoints)? [y/N] ");
        err.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException io) {
            answer = null;
        }
        if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
            return null;
        }
        return connect(e.pid(), err);
    }
}
