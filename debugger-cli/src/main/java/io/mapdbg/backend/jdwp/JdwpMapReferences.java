package io.mapdbg.backend.jdwp;

import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.UserError;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.session.Session;

/** Resolves a map reference ($N, @id or a static path) to an object in the target, over JDWP. */
public final class JdwpMapReferences {
    private final Session session;
    private final ValueHistory history;

    public JdwpMapReferences(Session session, ValueHistory history) {
        this.session = session;
        this.history = history;
    }

    /** A resolved reference: the object, and the static path when the user named one. */
    public record Resolved(HeapObject object, String path) {
    }

    /** As typed (already checked by the command): parsed by {@link MapReference#parse}. */
    public Resolved resolve(String ref) {
        return resolve(MapReference.parse(ref));
    }

    public Resolved resolve(MapReference ref) {
        if (ref instanceof MapReference.Handle h) {
            return new Resolved(byId(history.idOf(h), h.text()), null);
        }
        if (ref instanceof MapReference.ObjectId o) {
            return new Resolved(session.typedId(o.id()), null); // proven the object it was shown for, or refused
        }
        String path = ((MapReference.StaticPath) ref).path();
        return new Resolved(session.call("resolve " + path, () -> session.resolveStaticPath(path)), path);
    }

    private HeapObject byId(long id, String ref) {
        return session.byId(id).orElseThrow(() -> new UserError(
                ref + " is no longer held by this session: run maps again, or use the map's static path"));
    }
}
