package io.mapdbg.agent;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Ids the agent hands out for objects it showed (maps, keys in previews), so that {@code @id} finds them again in
 * a later request: a weak identity table (open addressing on the identity hash) that never keeps an object alive.
 * It outlives client sessions (an id printed by one command names the same object in the next), so it is bounded
 * by what is alive: each rehash drops the collected objects' entries, by object and by id alike.
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
    /** Where the references of collected objects arrive: when they are half the table, it is rebuilt smaller. */
    private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();
    private int dead;
    private long next = BASE + 1;
    /** The same references by id (open addressing on the id), rebuilt with refs: only live objects' ids stay. */
    private long[] idKeys = new long[256];
    private WeakReference<?>[] idRefs = new WeakReference<?>[256];

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
        refs[i] = new WeakReference<Object>(o, collected);
        ids[i] = id;
        used++;
        putId(id, refs[i]);
        if (used * 2 > refs.length || purgeable()) {
            rehash();
        }
        return id;
    }

    /** The object with this id, or null when it was collected or never had one. */
    public synchronized Object byId(long id) {
        if (id <= BASE || id >= next) {
            return null;
        }
        int mask = idKeys.length - 1;
        for (int i = slotOfId(id, mask); idRefs[i] != null; i = (i + 1) & mask) {
            if (idKeys[i] == id) {
                return idRefs[i].get();
            }
        }
        return null;
    }

    /** How many objects the table holds ids of (dead ones until the next rehash): bounded by the live ones. */
    public synchronized int size() {
        if (purgeable()) {
            rehash();
        }
        return used;
    }

    /** True when the collected objects' entries are half the table or more. */
    private boolean purgeable() {
        while (collected.poll() != null) {
            dead++;
        }
        return dead * 2 > used && used > 0;
    }

    private static int slotOfId(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void putId(long id, WeakReference<?> ref) {
        int mask = idKeys.length - 1;
        int i = slotOfId(id, mask);
        while (idRefs[i] != null) {
            i = (i + 1) & mask;
        }
        idKeys[i] = id;
        idRefs[i] = ref;
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
        idKeys = new long[size];
        idRefs = new WeakReference<?>[size];
        used = 0;
        while (collected.poll() != null) {
            // counted by the live count below
        }
        dead = 0;
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
            putId(oldIds[j], oldRefs[j]);
            used++;
        }
    }
}
