package io.mapdbg.service;

import io.mapdbg.command.CommandException;

/**
 * Ids the mapdbg agent prints start above {@link #BASE} (agent/ObjectIds.BASE); a JDWP connection's ids stay far
 * below. An id typed for the agent that it cannot have printed is refused here, before it could name whatever
 * object the agent's table holds under that number.
 */
public final class AgentIds {
    public static final long BASE = 1_000_000_000L;

    private AgentIds() {
    }

    /** The id, when the agent can have printed it; else a one-line refusal. */
    public static long typed(long id, String ref) {
        if (id <= BASE) {
            throw new CommandException(ref + " was not printed by the mapdbg agent (its ids are above "
                    + String.format("%,d", BASE) + "): an id printed over JDWP names an object only within that "
                    + "connection; use the map's static path (maps shows it)", 2);
        }
        return id;
    }
}
