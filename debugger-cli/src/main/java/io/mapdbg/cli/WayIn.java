package io.mapdbg.cli;

import io.mapdbg.session.NoJdwpException;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetText;
import io.mapdbg.session.agent.AgentClient;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * A one-shot's way into its target, chosen once, before the command runs, and said once on err (here and in
 * {@link AgentEntry}): the agent's connection (its backend serves the command), or a JDWP session; else the exit
 * code of a refusal already printed.
 */
record WayIn(AgentClient agent, Session session, int exit) {

    /**
     * --agent: the agent (loaded if needed); a blocked report on a PID whose JVM runs the agent: that agent; else
     * JDWP, and on a JVM without JDWP an agent running there. jdwpOnly: the command's name when the agent does not
     * serve it (served then names what it does), else null. quick: a failure to reach a running agent falls back to
     * JDWP (the normal way says it instead).
     */
    static WayIn open(String commandWord, List<String> rest, String jdwpOnly, Supplier<String> served, boolean quick,
                      PrintStream err) {
        try {
            if (AgentEntry.flagged(rest)) {
                if (jdwpOnly != null) {
                    err.println("mapdbg: " + jdwpOnly + " needs JDWP; the agent serves " + served.get());
                    return new WayIn(null, null, 2);
                }
                return new WayIn(AgentEntry.connect(AgentEntry.pid(rest.get(0)), err), null, 0);
            }
            AgentClient fast = fastPath(commandWord, rest, quick, err);
            if (fast != null) {
                return new WayIn(fast, null, 0);
            }
            return new WayIn(null, Session.attach(Target.parse(rest.get(0))), 0);
        } catch (NoJdwpException e) {
            if (jdwpOnly != null) {
                err.println("mapdbg: " + TargetText.clean(e.getMessage()) + " (" + jdwpOnly + " needs JDWP; the mapdbg"
                        + " agent serves " + served.get() + " without it)");
                return new WayIn(null, null, e.exitCode());
            }
            AgentClient agent = AgentEntry.forJvmWithoutJdwp(e, commandWord, err);
            return new WayIn(agent, null, agent == null ? e.exitCode() : 0);
        } catch (TargetException e) {
            err.println("mapdbg: " + TargetText.clean(e.getMessage()));
            return new WayIn(null, null, e.exitCode());
        }
    }

    private static AgentClient fastPath(String commandWord, List<String> rest, boolean quick, PrintStream err) {
        try {
            return AgentEntry.fastPath(commandWord, rest, err);
        } catch (TargetException e) {
            if (quick) {
                return null; // JDWP then; the normal way says what went wrong
            }
            throw e;
        }
    }
}
