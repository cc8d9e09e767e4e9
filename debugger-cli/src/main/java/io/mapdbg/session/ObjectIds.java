package io.mapdbg.session;

import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.VMDisconnectedException;
import io.mapdbg.inspect.HeapObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids users see ({@code @123}). JDWP ids are per connection and JDI cannot look an object up by id, so the
 * session keeps the references it handed out. An id printed by an earlier connection is taken only when the
 * ledger ({@link LocatorCache}) says which map it was, by a static path whose every hop is final, so that the
 * object reached now is provably the one shown then; otherwise it is refused with one line that says what to use.
 */
final class ObjectIds {

    /** Bound on remembered references: each one also holds an entry in the target's JDWP id table. */
    static final int MAX_REGISTERED = 200_000;
    /** Ids the mapdbg agent hands out start here (agent/ObjectIds.BASE): JDWP ids of one connection stay far below. */
    static final long AGENT_ID_BASE = 1_000_000_000L; // = backend.agent.AgentIds.BASE

    private final Session session;
    private final LocatorCache cache;
    private final Map<Long, ObjectReference> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ObjectReference> eldest) {
            return size() > MAX_REGISTERED;
        }
    };
    private final Map<Long, ObjectReference> pinned = new ConcurrentHashMap<>();
    private final Map<Long, ObjectReference> aliases = new ConcurrentHashMap<>(); // ids of earlier connections, proven
    private volatile long highest; // the highest id this connection handed out: what it may have shown

    ObjectIds(Session session, LocatorCache cache) {
        this.session = session;
        this.cache = cache;
    }

    JdiHeapObject mirror(ObjectReference o) {
        return mirror(o, null);
    }

    /** staticType: the declared type of the field or array the reference was read from (null if unknown). */
    JdiHeapObject mirror(ObjectReference o, String staticType) {
        long id = o.uniqueID(); // local: the id came with the reference
        synchronized (recent) {
            recent.put(id, o);
            if (id > highest) {
                highest = id;
            }
        }
        return new JdiHeapObject(session, o, id, staticType);
    }

    /** An object this connection handed out (a REPL result, an id printed in this attach). */
    Optional<HeapObject> byId(long id) {
        ObjectReference known;
        synchronized (recent) {
            known = recent.get(id);
        }
        if (known == null) {
            known = pinned.get(id);
        }
        if (known == null) {
            known = aliases.get(id);
        }
        return known == null ? Optional.empty() : Optional.of(new JdiHeapObject(session, known, id, null));
    }

    /**
     * What the user typed as {@code @id}. thisAttach: ids printed by this connection count (the REPL); a one-shot
     * command's ids were all printed by earlier connections. Throws a one-line TargetException when the id cannot
     * be proven to name the object it was shown for.
     */
    HeapObject typed(long id, boolean thisAttach) {
        if (id >= AGENT_ID_BASE) {
            throw new TargetException("@" + id + " is an id the mapdbg agent printed: add --agent (agent ids name the "
                    + "same object in every session), or use the map's static path", TargetException.USAGE, null);
        }
        if (thisAttach) {
            Optional<HeapObject> mine = byId(id);
            if (mine.isPresent()) {
                return mine.get();
            }
            if (id <= highest) {
                throw new TargetException("@" + id + " is no longer held by this session: run maps again, or use "
                        + "the map's static path");
            }
        } else {
            ObjectReference proven = aliases.get(id);
            if (proven != null) {
                return new JdiHeapObject(session, proven, id, null);
            }
        }
        LocatorCache.Locator l = cache.find(id).orElse(null);
        if (l == null) {
            throw new TargetException("@" + id + " is not known to this connection: object ids are per debugger "
                    + "connection; use the map's static path (maps shows it), or the REPL (mapdbg attach), where ids "
                    + "stay valid within one attach");
        }
        String earlier = "@" + id + " was printed by an earlier connection and cannot be proven to be the same map now";
        if (l.stale()) {
            throw new TargetException(earlier + " (a later connection may have shown @" + id + " for another object): "
                    + (l.path() != null ? "use its static path " + l.path() + ", run maps again," : "run maps again")
                    + " or use the REPL (ids stay valid within one attach)");
        }
        if (l.path() == null) {
            throw new TargetException(earlier + " (no static field holds it): use the REPL (mapdbg attach), where "
                    + "ids stay valid within one attach");
        }
        if (!l.pathFinal()) {
            throw new TargetException(earlier + " (" + l.path() + " is not final, it may hold another map now): "
                    + "use its static path " + l.path() + ", or the REPL (ids stay valid within one attach)");
        }
        ObjectReference now = locate(l);
        if (now == null) {
            throw new TargetException(earlier + ": use its static path " + l.path() + ", or the REPL (ids stay "
                    + "valid within one attach)");
        }
        aliases.put(id, now);
        return new JdiHeapObject(session, now, id, null);
    }

    /**
     * The object at a final static path, when it is provably the one recorded: the class is loaded once (a class
     * loaded again under the same name could hold another object), every hop is still final, and the object is
     * of the recorded class. A final static field is written once, when its class is initialised.
     */
    private ObjectReference locate(LocatorCache.Locator l) {
        try {
            if (!session.isFinalPath(l.path())) {
                return null;
            }
            JdiHeapObject o = (JdiHeapObject) session.resolveStaticPath(l.path());
            return o.className().equals(l.className()) ? o.reference() : null;
        } catch (TargetExitedException e) {
            throw e;
        } catch (TargetException e) {
            return null; // the path no longer resolves
        }
    }

    /** The highest id this connection handed out so far. */
    long highest() {
        return highest;
    }

    void pin(HeapObject object) {
        if (!(object instanceof JdiHeapObject o)) {
            throw new IllegalArgumentException("not an object of this session: " + object);
        }
        ObjectReference ref = o.reference();
        if (pinned.putIfAbsent(o.id(), ref) == null) {
            session.call("pinning @" + o.id(), () -> {
                ref.disableCollection();
                return null;
            });
        }
    }

    /** Called on close: the target must be left collecting as before. */
    void unpinAll() {
        for (ObjectReference ref : pinned.values()) {
            try {
                ref.enableCollection();
            } catch (ObjectCollectedException e) {
                // cannot happen while pinned; harmless if it does
            } catch (VMDisconnectedException e) {
                break;
            }
        }
        pinned.clear();
    }

    void remember(LocatorCache.Locator locator) {
        cache.remember(locator);
    }

    void save() {
        cache.save();
    }

    /** At close: this connection may have shown every id up to its highest; the ledger forgets older meanings. */
    void closeLedger() {
        cache.close(highest);
    }
}
