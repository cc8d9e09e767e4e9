package io.mapdbg.locks.values;

import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StringReference;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.session.JdiHeapObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which map entry holds an object: walks candidate maps once and indexes, by JDI uniqueID, each entry's value and
 * each object a value's reference fields point at (one level: an {@code OrderState} value's {@code latch}, a
 * CountDownLatch value's {@code sync}). Tables are read in chunks of at most 16,384 elements and chains
 * breadth-first with pipelined reads. Runs inside a suspension the caller holds.
 */
public final class MapValueIndex {

    /** Where an object sits: the entry, and the value's field that holds it (null: it is the value). */
    public record Slot(MapEntryRef entry, boolean stringKey, String heldBy) {
    }

    /** One candidate map: its (unwrapped) object, exact class and static path (null when none). */
    public record Candidate(HeapObject map, String className, String path) {
    }

    static final int CHUNK = 16_384;
    static final int KEY_PREVIEW = 80;
    private static final int MAX_CHAIN = 1 << 16;
    private static final Set<String> LEAVES = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float",
            "java.lang.Double", "java.lang.Class", "java.math.BigDecimal", "java.math.BigInteger");

    /** Classes whose {@code sync} field is the synchronizer their waiters park on. */
    private static final Set<String> SYNC_HOLDERS = Set.of("java.util.concurrent.CountDownLatch",
            "java.util.concurrent.Semaphore", "java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock");
    private static final String HASH_MAP = "java.util.HashMap";
    private static final String CHM = "java.util.concurrent.ConcurrentHashMap";
    private static final String HASHTABLE = "java.util.Hashtable";
    private static final String WEAK = "java.util.WeakHashMap";
    private static final String IDENTITY = "java.util.IdentityHashMap";
    private static final int CHM_TREEBIN = -2;

    private final Map<Long, Slot> slots = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int mapsWalked;
    private long entriesWalked;

    /** One raw entry before its value's fields are read. */
    private record Entry(MapRef map, HeapObject key, HeapObject value) {
    }

    private MapValueIndex() {
    }

    /**
     * Indexes the entries of the candidates; a map whose size is over maxEntriesPerMap is skipped (and noted),
     * and the walk stops (noted) once totalEntries entries were read.
     */
    public static MapValueIndex build(List<Candidate> candidates, long maxEntriesPerMap, long totalEntries) {
        MapValueIndex index = new MapValueIndex();
        List<Entry> entries = new ArrayList<>();
        for (Candidate c : candidates) {
            if (index.entriesWalked >= totalEntries) {
                index.notes.add("stopped after " + index.entriesWalked + " entries in " + index.mapsWalked
                        + " maps; " + (candidates.size() - index.mapsWalked) + " maps not walked");
                break;
            }
            try {
                index.walk(c, maxEntriesPerMap, entries);
            } catch (RuntimeException unreadable) {
                if (unreadable.getClass().getSimpleName().equals("TargetExitedException")) {
                    throw unreadable;
                }
                index.notes.add("map @" + c.map().id() + " (" + c.className() + ") unreadable: " + unreadable.getMessage());
            }
        }
        index.indexValues(entries);
        return index;
    }

    /** The entry that holds the object with this JDI uniqueID, if any. */
    public Slot find(long uniqueId) {
        return slots.get(uniqueId);
    }

    /** Every indexed object: JDI uniqueID to its entry. */
    public Map<Long, MapEntryRef> entries() {
        Map<Long, MapEntryRef> out = new HashMap<>();
        slots.forEach((id, slot) -> out.put(id, slot.entry()));
        return out;
    }

    /** Maps skipped as too large, unreadable maps, a walk cut by the total bound. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int mapsWalked() {
        return mapsWalked;
    }

    public long entriesWalked() {
        return entriesWalked;
    }

    private void walk(Candidate c, long maxEntries, List<Entry> out) {
        HeapObject map = c.map();
        List<String> hierarchy = map.classHierarchy();
        MapRef ref = new MapRef(map.id(), c.className(), c.path());
        if (hierarchy.contains(CHM)) {
            Map<String, Object> f = map.read(CHM, "table", "baseCount");
            if (tooBig(c, number(f.get("baseCount")), maxEntries)) {
                return;
            }
            walkChains(ref, f.get("table"), CHM + "$Node", "val", out);
        } else if (hierarchy.contains(HASH_MAP)) {
            Map<String, Object> f = map.read(HASH_MAP, "table", "size");
            if (tooBig(c, number(f.get("size")), maxEntries)) {
                return;
            }
            walkChains(ref, f.get("table"), HASH_MAP + "$Node", "value", out);
        } else if (hierarchy.contains(HASHTABLE)) {
            Map<String, Object> f = map.read(HASHTABLE, "table", "count");
            if (tooBig(c, number(f.get("count")), maxEntries)) {
                return;
            }
            walkChains(ref, f.get("table"), HASHTABLE + "$Entry", "value", out);
        } else if (hierarchy.contains(WEAK)) {
            Map<String, Object> f = map.read(WEAK, "table", "size");
            if (tooBig(c, number(f.get("size")), maxEntries)) {
                return;
            }
            walkChains(ref, f.get("table"), WEAK + "$Entry", "value", out);
        } else if (hierarchy.contains(IDENTITY)) {
            Map<String, Object> f = map.read(IDENTITY, "table", "size");
            if (tooBig(c, number(f.get("size")), maxEntries)) {
                return;
            }
            walkPairs(ref, f.get("table"), out);
        } else {
            return; // not a layout we walk: wrappers are unwrapped by the caller
        }
        mapsWalked++;
    }

    private boolean tooBig(Candidate c, long size, long maxEntries) {
        if (size > maxEntries) {
            notes.add("map @" + c.map().id() + " (" + c.className() + (c.path() == null ? "" : ", " + c.path())
                    + ") has " + size + " entries, over the bound of " + maxEntries + ": not walked");
            return true;
        }
        return false;
    }

    /** Chained tables: level by level over every chain of a chunk, so each level is one pipelined batch. */
    private void walkChains(MapRef map, Object table, String nodeClass, String valueField, List<Entry> out) {
        if (!(table instanceof HeapObject array)) {
            return;
        }
        boolean weak = nodeClass.startsWith(WEAK);
        String[] fields = weak ? new String[] {"referent", "value", "next"}
                : new String[] {"hash", "key", valueField, "next"};
        int length = array.arrayLength();
        Set<Long> seen = new HashSet<>();
        for (int from = 0; from < length; from += CHUNK) {
            List<HeapObject> level = new ArrayList<>();
            for (Object head : array.arrayRange(from, Math.min(CHUNK, length - from))) {
                if (head instanceof HeapObject h) {
                    level.add(h);
                }
            }
            for (int depth = 0; depth < MAX_CHAIN && !level.isEmpty(); depth++) {
                level.get(0).prefetch(level, nodeClass, fields);
                List<HeapObject> next = new ArrayList<>();
                for (HeapObject node : level) {
                    if (!seen.add(node.id())) {
                        continue; // a cycle in a corrupt chain
                    }
                    Map<String, Object> f = node.read(nodeClass, fields);
                    if (!weak && number(f.get("hash")) == CHM_TREEBIN && nodeClass.startsWith(CHM)) {
                        if (node.read(CHM + "$TreeBin", "first").get("first") instanceof HeapObject first) {
                            next.add(first);
                        }
                        continue;
                    }
                    if (!weak && number(f.get("hash")) < 0 && nodeClass.startsWith(CHM)) {
                        continue; // ForwardingNode, ReservationNode: no entry
                    }
                    HeapObject key = object(f.get(weak ? "referent" : "key"));
                    HeapObject value = object(f.get(weak ? "value" : valueField));
                    entriesWalked++;
                    if (value != null) {
                        out.add(new Entry(map, key, value));
                    }
                    if (f.get("next") instanceof HeapObject n) {
                        next.add(n);
                    }
                }
                level = next;
            }
        }
    }

    private void walkPairs(MapRef map, Object table, List<Entry> out) {
        if (!(table instanceof HeapObject array)) {
            return;
        }
        int length = array.arrayLength();
        for (int from = 0; from < length; from += CHUNK) {
            List<Object> slots = array.arrayRange(from, Math.min(CHUNK, length - from)); // CHUNK is even: pairs stay whole
            for (int i = 0; i + 1 < slots.size(); i += 2) {
                if (slots.get(i) != null) {
                    entriesWalked++;
                    if (slots.get(i + 1) instanceof HeapObject value) {
                        out.add(new Entry(map, object(slots.get(i)), value));
                    }
                }
            }
        }
    }

    /** Indexes each value, then (batched per class) the objects its reference fields hold. */
    private void indexValues(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<HeapObject> values = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            values.add(e.value());
        }
        values.get(0).prefetchClassNames(values);
        Map<String, List<Entry>> byClass = new LinkedHashMap<>();
        Map<Long, Slot> valueSlots = new HashMap<>();
        List<Object[]> syncs = new ArrayList<>();
        for (Entry e : entries) {
            Slot slot = new Slot(new MapEntryRef(e.map(), keyText(e.key())), isString(e.key()), null);
            slots.putIfAbsent(uniqueId(e.value()), slot);
            valueSlots.putIfAbsent(uniqueId(e.value()), slot);
            String cls = e.value().className();
            if (!LEAVES.contains(cls) && !cls.endsWith("]")) {
                byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<String, List<Entry>> group : byClass.entrySet()) {
            List<Entry> holders = group.getValue();
            String[] fields = referenceFields(holders.get(0).value());
            if (fields.length == 0) {
                continue;
            }
            List<HeapObject> objects = new ArrayList<>();
            for (Entry e : holders) {
                objects.add(e.value());
            }
            objects.get(0).prefetch(objects, group.getKey(), fields);
            for (Entry e : holders) {
                Map<String, Object> f;
                try {
                    f = e.value().read(group.getKey(), fields);
                } catch (RuntimeException unreadable) {
                    continue;
                }
                Slot owner = valueSlots.get(uniqueId(e.value()));
                for (Map.Entry<String, Object> field : f.entrySet()) {
                    if (field.getValue() instanceof HeapObject held) {
                        // a value itself wins over a value that merely points at it
                        slots.putIfAbsent(uniqueId(held),
                                new Slot(owner.entry(), owner.stringKey(), field.getKey()));
                        syncs.add(new Object[] {held, owner, field.getKey()});
                    }
                }
            }
        }
        indexSyncs(syncs);
    }

    /**
     * The synchronizer inside a latch, semaphore or lock that a value holds in a field (an OrderState's latch):
     * a parked thread's blocker is that {@code sync}, two fields away from the value.
     */
    private void indexSyncs(List<Object[]> held) {
        for (Object[] h : held) {
            HeapObject o = (HeapObject) h[0];
            Slot owner = (Slot) h[1];
            String cls = o.className();
            if (!SYNC_HOLDERS.contains(cls)) {
                continue;
            }
            try {
                if (o.read(cls, "sync").get("sync") instanceof HeapObject sync) {
                    slots.putIfAbsent(uniqueId(sync), new Slot(owner.entry(), owner.stringKey(), h[2] + ".sync"));
                }
            } catch (RuntimeException unreadable) {
                // not indexed: the wait is reported without its map entry
            }
        }
    }

    /** Names of the instance fields of reference type of this object's class (inherited ones included). */
    private static String[] referenceFields(HeapObject value) {
        if (!(value instanceof JdiHeapObject j)) {
            return new String[0];
        }
        ReferenceType type = j.reference().referenceType();
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Field f : type.allFields()) {
            if (!f.isStatic() && !isPrimitive(f.typeName())) {
                names.add(f.name());
            }
        }
        return names.toArray(String[]::new);
    }

    private static boolean isPrimitive(String typeName) {
        return switch (typeName) {
            case "int", "long", "short", "byte", "char", "boolean", "float", "double" -> true;
            default -> false;
        };
    }

    /** A String key as its plain value, a boxed number as its digits, anything else as a bounded preview. */
    static String keyText(HeapObject key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof JdiHeapObject j && j.reference() instanceof StringReference s) {
            String v = s.value();
            return v.length() <= KEY_PREVIEW ? v : v.substring(0, KEY_PREVIEW) + "...";
        }
        String preview = key.preview(KEY_PREVIEW);
        if (isString(key) && preview.length() >= 2 && preview.startsWith("\"") && preview.endsWith("\"")) {
            return preview.substring(1, preview.length() - 1);
        }
        return preview;
    }

    static boolean isString(HeapObject key) {
        if (key instanceof JdiHeapObject j) {
            return j.reference() instanceof StringReference;
        }
        return key != null && "java.lang.String".equals(key.className());
    }

    static long uniqueId(HeapObject o) {
        return o instanceof JdiHeapObject j ? j.reference().uniqueID() : o.id();
    }

    private static HeapObject object(Object o) {
        return o instanceof HeapObject h ? h : null;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    /** For callers holding JDI references: the uniqueID the index is keyed by. */
    public static long uniqueId(ObjectReference o) {
        return o.uniqueID();
    }
}
