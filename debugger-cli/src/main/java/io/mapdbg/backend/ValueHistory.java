package io.mapdbg.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The REPL's $N handles, one history per session: each map a command shows gets the next number, so later commands
 * can name it as $N.
 */
public final class ValueHistory {
    private final List<Long> ids = new ArrayList<>();

    /** The handle number for an object id, reusing the existing one when the object was shown before. */
    public synchronized int handleFor(long objectId) {
        int existing = ids.indexOf(objectId);
        if (existing >= 0) {
            return existing + 1;
        }
        ids.add(objectId);
        return ids.size();
    }

    public synchronized Optional<Long> idOf(int handle) {
        return handle >= 1 && handle <= ids.size() ? Optional.of(ids.get(handle - 1)) : Optional.empty();
    }

    /** The object id $N stands for, or the one-line refusal when this session has no such result. */
    public synchronized long idOf(MapReference.Handle handle) {
        if (handle.n() < 1 || handle.n() > ids.size()) {
            throw new UserError(handle.text() + " is not a result of this session (there are " + ids.size() + ")");
        }
        return ids.get((int) handle.n() - 1);
    }

    /** The object ids in handle order: ids().get(N - 1) is $N. */
    public synchronized List<Long> ids() {
        return List.copyOf(ids);
    }

    public synchronized int size() {
        return ids.size();
    }
}
