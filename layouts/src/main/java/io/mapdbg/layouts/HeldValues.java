package io.mapdbg.layouts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a thread can wait on that a map value holds: the value itself (a latch, a future), an object one of its
 * reference fields holds (an OrderState's latch), and the {@code sync} of a latch, semaphore or lock held so (a
 * parked thread's blocker is that sync, two fields from the value). The rule of the "which map entry holds what
 * this thread waits on" index, run over JDWP by the CLI and on live objects by the agent.
 */
public final class HeldValues {
    /** Values whose fields hold nothing a thread waits on: not read. */
    static final Set<String> LEAVES = Collections.unmodifiableSet(new HashSet<String>(Arrays.asList(
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double", "java.lang.Class",
            "java.math.BigDecimal", "java.math.BigInteger")));
    /** Classes whose {@code sync} field is the synchronizer their waiters park on. */
    static final Set<String> SYNC_HOLDERS = Collections.unmodifiableSet(new HashSet<String>(Arrays.asList(
            "java.util.concurrent.CountDownLatch", "java.util.concurrent.Semaphore",
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantReadWriteLock")));

    /** Told each object an entry holds, best first: the caller keeps the first entry told for an object. */
    public interface Found<O> {
        /** entry: the index of the entry's value in the list given; heldBy: null (the value), a field, "f.sync". */
        void found(O object, int entry, String heldBy);
    }

    private HeldValues() {
    }

    /**
     * Tells, for values (entry i's value at index i, none null), every value, then what their reference fields
     * hold, then the sync of each latch, semaphore or lock so held. A value or field that cannot be read is left
     * out (the wait is then reported without its entry); {@link Heap#fatal} failures are rethrown.
     */
    public static <O> void index(Heap<O> heap, List<O> values, Found<O> found) {
        int n = values.size();
        if (n == 0) {
            return;
        }
        heap.classesAhead(values.toArray(), n);
        Map<O, Boolean> told = heap.identityMap();
        // values of one class together, in the order met: over JDWP their fields are one pipelined batch
        Map<String, List<Integer>> byClass = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < n; i++) {
            O value = values.get(i);
            if (told.put(value, Boolean.TRUE) != null) {
                continue; // a value in two entries: the first holds it and what it holds
            }
            found.found(value, i, null);
            String cls = className(heap, value);
            if (cls != null && !LEAVES.contains(cls) && !cls.startsWith("[") && !cls.endsWith("]")) {
                List<Integer> group = byClass.get(cls);
                if (group == null) {
                    group = new ArrayList<Integer>();
                    byClass.put(cls, group);
                }
                group.add(i);
            }
        }
        List<O> held = new ArrayList<O>();
        List<Integer> heldEntry = new ArrayList<Integer>();
        List<String> heldBy = new ArrayList<String>();
        for (List<Integer> group : byClass.values()) {
            heldFields(heap, values, group, found, held, heldEntry, heldBy);
        }
        syncs(heap, held, heldEntry, heldBy, found);
    }

    private static <O> void heldFields(Heap<O> heap, List<O> values, List<Integer> group, Found<O> found,
                                       List<O> held, List<Integer> heldEntry, List<String> heldBy) {
        O first = values.get(group.get(0));
        String[] names;
        Fields<O> fields;
        try {
            names = heap.referenceFields(first);
            if (names.length == 0) {
                return;
            }
            fields = heap.fieldsOf(first, names);
        } catch (RuntimeException e) {
            rethrowFatal(heap, e);
            return;
        }
        Object[] objects = new Object[group.size()];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = values.get(group.get(i));
        }
        heap.fieldsAhead(objects, objects.length, fields);
        for (int i = 0; i < objects.length; i++) {
            objects[i] = null;
        }
        for (int entry : group) {
            try {
                fields.at(values.get(entry));
            } catch (RuntimeException e) {
                rethrowFatal(heap, e);
                continue;
            }
            for (int f = 0; f < names.length; f++) {
                O object;
                try {
                    object = fields.ref(f);
                } catch (RuntimeException notAReference) {
                    continue;
                }
                if (object != null) {
                    found.found(object, entry, names[f]);
                    held.add(object);
                    heldEntry.add(entry);
                    heldBy.add(names[f]);
                }
            }
        }
    }

    private static <O> void syncs(Heap<O> heap, List<O> held, List<Integer> heldEntry, List<String> heldBy,
                                  Found<O> found) {
        if (held.isEmpty()) {
            return;
        }
        heap.classesAhead(held.toArray(), held.size());
        Map<String, Fields<O>> syncFields = new LinkedHashMap<String, Fields<O>>();
        for (int i = 0; i < held.size(); i++) {
            String cls = className(heap, held.get(i));
            if (cls == null || !SYNC_HOLDERS.contains(cls)) {
                continue;
            }
            try {
                Fields<O> sync = syncFields.get(cls);
                if (sync == null) {
                    sync = heap.fields(cls, "sync");
                    syncFields.put(cls, sync);
                }
                sync.at(held.get(i));
                O object = sync.ref(0);
                if (object != null) {
                    found.found(object, heldEntry.get(i), heldBy.get(i) + ".sync");
                }
            } catch (RuntimeException e) {
                rethrowFatal(heap, e); // else not indexed: the wait is reported without its map entry
            }
        }
    }

    private static <O> String className(Heap<O> heap, O object) {
        try {
            return heap.className(object);
        } catch (RuntimeException e) {
            rethrowFatal(heap, e);
            return null;
        }
    }

    private static <O> void rethrowFatal(Heap<O> heap, RuntimeException e) {
        if (heap.fatal(e)) {
            throw e;
        }
    }
}
