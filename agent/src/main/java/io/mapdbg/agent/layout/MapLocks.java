package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.layouts.LockWords;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The map (and bin) a lock belongs to, among the maps static fields reach: a Hashtable locks itself, a
 * synchronizedMap its mutex (bin -1); a ConcurrentHashMap bin head (Node, ReservationNode) or TreeBin is found
 * in the table or nextTable. A contended monitor is known to the JVM's thread dump only by class and identity
 * hash, so candidates are matched on both; a park blocker (TreeBin) is the object itself.
 */
public final class MapLocks {
    /** Bound on the table slots read per report, as on the JDWP path. */
    static final int SCAN_SLOTS = 4_000_000;
    private static final Field SYNC_MUTEX = Reflect.optionalField(Reflect.type(Layouts.SYNCHRONIZED_MAP), "mutex");
    private static final Field SYNC_INNER = Reflect.optionalField(Reflect.type(Layouts.SYNCHRONIZED_MAP), "m");

    /** A lock found in a map: the lock object, the map, its path, the bin (-1: the whole map) and a note. */
    public static final class Found {
        public final Object lock;
        public final Object map;
        public final String path;
        public final int bin;
        public final String note;

        Found(Object lock, Object map, String path, int bin, String note) {
            this.lock = lock;
            this.map = map;
            this.path = path;
            this.bin = bin;
            this.note = note;
        }

        public long mapId() {
            return ObjectIds.get().idOf(map);
        }
    }

    private final IdentityHashMap<Object, String> maps;
    private long scanned;

    public MapLocks(Instrumentation inst) {
        this.maps = LayoutRequests.reachableMaps(inst, new int[1]);
    }

    /** The maps static fields reach, with their preferred paths (not to be changed). */
    public Map<Object, String> reachable() {
        return maps;
    }

    /** By the object itself (a park blocker). */
    public Found byObject(Object lock) {
        return find(lock.getClass().getName(), System.identityHashCode(lock), lock);
    }

    /** By what a thread dump says about a monitor: class name and identity hash. */
    public Found byIdentity(String className, int identityHash) {
        return find(className, identityHash, null);
    }

    private Found find(String className, int identityHash, Object known) {
        for (Map.Entry<Object, String> e : maps.entrySet()) {
            Object map = e.getKey();
            if (map instanceof Hashtable && same(map, className, identityHash, known)) {
                return new Found(map, map, e.getValue(), -1, null);
            }
            if (SYNC_MUTEX != null && Reflect.type(Layouts.SYNCHRONIZED_MAP).isInstance(map)) {
                Object mutex = Reflect.get(SYNC_MUTEX, map);
                if (mutex != null && same(mutex, className, identityHash, known)) {
                    Object inner = SYNC_INNER == null ? null : Reflect.get(SYNC_INNER, map);
                    return new Found(mutex, map, e.getValue(), -1,
                            LockWords.wrapperNote(inner == null ? null : inner.getClass().getName()));
                }
            }
            // application code that does synchronized (MAP): the monitor is the map, named by its path
            if (map instanceof Map && same(map, className, identityHash, known)) {
                return new Found(map, map, e.getValue(), -1, LockWords.MONITOR_NOTE);
            }
        }
        if (!LockWords.mayBeConcurrentBin(className)) {
            return null;
        }
        for (Map.Entry<Object, String> e : maps.entrySet()) {
            io.mapdbg.layouts.MapLayouts.Target<Object> target;
            try {
                target = Layouts.resolve(e.getKey(), e.getValue());
            } catch (RuntimeException notAMap) {
                continue;
            }
            Object map = target.map;
            if (!(map instanceof ConcurrentHashMap)) {
                continue;
            }
            for (Field tableField : new Field[] {ConcurrentLayout.TABLE, ConcurrentLayout.NEXT_TABLE}) {
                Object[] table = (Object[]) Reflect.get(tableField, map);
                if (table == null) {
                    continue;
                }
                if (scanned + table.length > SCAN_SLOTS) {
                    return null;
                }
                scanned += table.length;
                for (int bin = 0; bin < table.length; bin++) {
                    Object head = table[bin];
                    if (head != null && same(head, className, identityHash, known)) {
                        return new Found(head, map, target.path, bin, null);
                    }
                }
            }
        }
        return null;
    }

    private static boolean same(Object candidate, String className, int identityHash, Object known) {
        if (known != null) {
            return candidate == known;
        }
        return candidate.getClass().getName().equals(className) && System.identityHashCode(candidate) == identityHash;
    }

    /** A TreeBin's lockState in words, as the JDWP path writes it. */
    public static String treeBinState(Object treeBin) {
        return LockWords.treeBinState(Reflect.getInt(ConcurrentLayout.BIN_LOCK_STATE, treeBin));
    }

    public static boolean isTreeBin(Object o) {
        return o != null && o.getClass() == ConcurrentLayout.TREE_BIN;
    }
}
