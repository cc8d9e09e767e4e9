package io.mapdbg.session;

import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import io.mapdbg.inspect.HeapObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids users see ({@code @123}). JDWP ids are per connection and JDI cannot look an object up by id, so the
 * session keeps the references it handed out, and falls back to the locator cache of earlier connections.
 */
final class ObjectIds {

    /** Bound on remembered references: each one also holds an entry in the target's JDWP id table. */
    static final int MAX_REGISTERED = 200_000;

    private final Session session;
    private final LocatorCache cache;
    private final Map<Long, ObjectReference> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ObjectReference> eldest) {
            return size() > MAX_REGISTERED;
        }
    };
    private final Map<Long, ObjectReference> pinned = new ConcurrentHashMap<>();
    private final Map<Long, ObjectReference> aliases = new ConcurrentHashMap<>(); // ids of earlier connections

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
        }
        return new JdiHeapObject(session, o, id, staticType);
    }

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
        if (known != null) {
            return Optional.of(new JdiHeapObject(session, known, id, null));
        }
        return cache.find(id).flatMap(this::locate).map(ref -> {
            aliases.put(id, ref);
            return new JdiHeapObject(session, ref, id, null);
        });
    }

    /** Finds the object a locator describes, or nothing if the heap no longer matches what was recorded. */
    private Optional<ObjectReference> locate(LocatorCache.Locator l) {
        if (l.path() != null) {
            try {
                JdiHeapObject o = (JdiHeapObject) session.resolveStaticPath(l.path());
                if (o.className().equals(l.className())) {
                    return Optional.of(o.reference());
                }
            } catch (TargetExitedException e) {
                throw e;
            } catch (TargetException e) {
                // the path no longer resolves: try the instance position
            }
        }
        return session.call("finding @" + l.id() + " again", () -> {
            List<ReferenceType> types = session.mirrors().fieldIndex().classes(l.className());
            if (types.isEmpty() || l.ordinal() < 0) {
                return Optional.empty();
            }
            ReferenceType type = types.get(0);
            // same count is the best evidence JDI offers that the instance order has not changed
            if (session.instanceCounts(List.of(type))[0] != l.classCount() || l.ordinal() >= l.classCount()) {
                return Optional.empty();
            }
            List<ObjectReference> all = type.instances(0);
            return all.size() == l.classCount() ? Optional.of(all.get(l.ordinal())) : Optional.empty();
        });
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
}
