package io.mapdbg.service;

import io.mapdbg.command.CommandException;
import io.mapdbg.command.ValueHistory;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.session.Session;

/** Resolves what a user typed for a map ($N, @id or a static path) to an object in the target. */
public final class MapReferences {
    private final Session session;
    private final ValueHistory history;

    public MapReferences(Session session, ValueHistory history) {
        this.session = session;
        this.history = history;
    }

    /** A resolved reference: the object, and the static path when the user named one. */
    public record Resolved(HeapObject object, String path) {
    }

    public Resolved resolve(String ref) {
        String text = ref.trim();
        if (text.startsWith("$")) {
            int n = (int) parseNumber(text.substring(1), ref);
            long id = history.idOf(n).orElseThrow(() -> new CommandException(
                    ref + " is not a result of this session (there are " + history.size() + ")"));
            return new Resolved(byId(id, ref), null);
        }
        if (text.startsWith("@")) {
            long id = parseNumber(text.substring(1), ref);
            return new Resolved(session.typedId(id), null); // proven the object it was shown for, or refused
        }
        if (!text.contains(".")) {
            throw new CommandException("'" + ref + "' is not a map reference: use @id, $N or a static path Cls.FIELD", 2);
        }
        return new Resolved(session.call("resolve " + text, () -> session.resolveStaticPath(text)), text);
    }

    private HeapObject byId(long id, String ref) {
        return session.byId(id).orElseThrow(() -> new CommandException(
                ref + " is no longer held by this session: run maps again, or use the map's static path"));
    }

    private static long parseNumber(String digits, String ref) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new CommandException("'" + ref + "' is not a map reference: @ and $ take a number", 2);
        }
    }
}
