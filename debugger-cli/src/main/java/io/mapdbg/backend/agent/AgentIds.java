package io.mapdbg.backend.agent;

import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.UserError;
import io.mapdbg.backend.ValueHistory;

import java.util.LinkedHashMap;
import java.util.Map;

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
            throw new UserError(ref + " was not printed by the mapdbg agent (its ids are above "
                    + String.format("%,d", BASE) + "): an id printed over JDWP names an object only within that "
                    + "connection; use the map's static path (maps shows it)", UserError.USAGE);
        }
        return id;
    }

    /** A map reference as the agent's requests take it: path=Cls.FIELD, or id=N for @N and $N (ids it printed). */
    public static Map<String, String> args(MapReference ref, ValueHistory history) {
        Map<String, String> args = new LinkedHashMap<>();
        if (ref instanceof MapReference.StaticPath p) {
            args.put("path", p.path());
        } else {
            long id = ref instanceof MapReference.Handle h ? history.idOf(h) : ((MapReference.ObjectId) ref).id();
            args.put("id", Long.toString(typed(id, ref.text())));
        }
        return args;
    }
}
