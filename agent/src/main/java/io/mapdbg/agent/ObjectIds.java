package io.mapdbg.agent;

import java.lang.ref.WeakReference;

/**
 * Ids the agent hands out for objects it showed (maps, keys in previews), so that {@code @id} finds them again in
 * a later request: a weak identity table (open addressing on the identity hash) that never keeps an object alive.
 * Not a HashMap on purpose: the table must not run map code that write hooks may instrument.
 */
public final class ObjectIds {
    /**
     * Agent ids start above this: a JDWP connection's ids (numbered from 1 by each connection) stay far below, so
     * an id tells which table it came from and is never taken by the other (issue 16: an id names the same map or
     * is refused). An id is never handed out twice, even when objects are collected.
     */
    public static final long BASE = 1000000000L;
    private static final ObjectIds INSTANCE = new ObjectIds();

    private WeakReference<?>[] refs = new WeakReference<?>[256];
    private long[] ids = new long[256];
    private int used;
    private long next = BASE + 1;
    private WeakReference<?>[] byId = new WeakReference<?>[256]; // index id-1, grows; cleared entries stay null

    private ObjectIds() {
    }

    public static ObjectIds get() {
        return INSTANCE;
    }

    /** The id of this object, handing out a new one on first sight. */
    public synchronized long idOf(Object o) {
        if (o == null) {
            return 0;
        }
        int mask = refs.length - 1;
        int i = System.identityHashCode(o) & mask;
        while (refs[i] != null) {
            if (refs[i].get() == o) {
                return ids[i];
            }
            i = (i + 1) & mask;
        }
        long id = next++;
        refs[i] = new WeakReference<Object>(o);
        ids[i] = id;
        used++;
        if (id - BASE > byId.length) {
            WeakReference<?>[] grown = new WeakReference<?>[byId.length * 2];
            System.arraycopy(byId, 0, grown, 0, byId.length);
            byId = grown;
        }
        byId[(int) (id - BASE - 1)] = refs[i];
        if (used * 2 > refs.length) {
            rehash();
        }
        return id;
    }

    /** The object with this id, or null when it was collected or never had one. */
    public synchronized Object byId(long id) {
        if (id <= BASE || id >= next || id - BASE - 1 >= byId.length) {
            return null;
        }
        WeakReference<?> ref = byId[(int) (id - BASE - 1)];
        return ref == null ? null : ref.get();
    }

    private void rehash() {
        WeakReference<?>[] oldRefs = refs;
        long[] oldIds = ids;
        int live = 0;
        for (WeakReference<?> r : oldRefs) {
            if (r != null && r.get() != null) {
                live++;
            }
        }
        int size = 256;
        while (size < live * 4) {
            size <<= 1;
        }
        refs = new WeakReference<?>[size];
        ids = new long[size];
        used = 0;
        int mask = size - 1;
        for (int j = 0; j < oldRefs.length; j++) {
            Object o = oldRefs[j] == null ? null : oldRefs[j].get();
            if (o == null) {
                continue;
            }
            int i = System.identityHashCode(o) & mask;
            while (refs[i] != null) {
                i = (i + 1) & mask;
            }
            refs[i] = oldRefs[j];
            ids[i] = oldIds[j];
            used++;
        }
    }
}
