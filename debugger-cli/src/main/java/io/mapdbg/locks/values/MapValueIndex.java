package io.mapdbg.locks.values;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.StringReference;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.layouts.HeldValues;
import io.mapdbg.layouts.KeyMark;
import io.mapdbg.layouts.MapEntries;
import io.mapdbg.layouts.MapLayouts;
import io.mapdbg.layouts.NotAMapException;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.session.JdiHeapObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which map entry holds an object: walks candidate maps once and indexes, by JDI uniqueID, each entry's value and
 * each object a value's reference fields point at (one level: an {@code OrderState} value's {@code latch}, a
 * CountDownLatch value's {@code sync}). The walk and the rule are the shared layouts' ({@link MapEntries},
 * {@link HeldValues}), which the agent runs too; over JDWP a table chunk's chains are read ahead breadth-first
 * with pipelined reads, and values' fields one class at a time. Runs inside a suspension the caller holds.
 */
public final class MapValueIndex {

    /** Where an object sits: the entry, and the value's field that holds it (null: it is the value). */
    public record Slot(MapEntryRef entry, boolean stringKey, String heldBy) {
    }

    /** One candidate map: its (unwrapped) object, exact class and static path (null when none). */
    public record Candidate(HeapObject map, String className, String path) {
    }

    static final int KEY_PREVIEW = 80;

    private final Map<Long, Slot> slots = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int mapsWalked;
    private long entriesWalked;

    /** One raw entry before its value's fields are read; key: a HeapObject, a KeyMark or null. */
    private record Entry(MapRef map, Object key, HeapObject value) {
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
        ValueHeap heap = candidates.isEmpty() ? null : new ValueHeap(candidates.get(0).map());
        for (Candidate c : candidates) {
            if (index.entriesWalked >= totalEntries) {
                index.notes.add("stopped after " + index.entriesWalked + " entries in " + index.mapsWalked
                        + " maps; " + (candidates.size() - index.mapsWalked) + " maps not walked");
                break;
            }
            try {
                index.walk(c, maxEntriesPerMap, heap, entries);
            } catch (RuntimeException unreadable) {
                if (unreadable.getClass().getSimpleName().equals("TargetExitedException")) {
                    throw unreadable;
                }
                index.notes.add("map @" + c.map().id() + " (" + c.className() + ") unreadable: " + unreadable.getMessage());
            }
        }
        index.indexValues(heap, entries);
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

    private void walk(Candidate c, long maxEntries, ValueHeap heap, List<Entry> out) {
        MapLayouts.Target<HeapObject> target;
        try {
            target = MapLayouts.resolve(heap, c.map(), c.path());
        } catch (NotAMapException notALayout) {
            return; // not a layout we walk: wrappers are unwrapped by the caller
        }
        long size = MapEntries.size(heap, target);
        if (size > maxEntries) {
            notes.add("map @" + c.map().id() + " (" + c.className() + (c.path() == null ? "" : ", " + c.path())
                    + ") has " + size + " entries, over the bound of " + maxEntries + ": not walked");
            return;
        }
        MapRef ref = new MapRef(c.map().id(), c.className(), c.path());
        MapEntries.Result walked = MapEntries.visit(heap, target, maxEntries, (key, value) -> {
            if (value != null) {
                out.add(new Entry(ref, key, value));
            }
            return true;
        });
        entriesWalked += walked.entries;
        mapsWalked++;
    }

    /** Indexes each value, what its reference fields hold and a held latch's sync: the rule of {@link HeldValues}. */
    private void indexValues(ValueHeap heap, List<Entry> entries) {
        List<HeapObject> values = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            values.add(e.value());
        }
        Map<Integer, Slot> owners = new HashMap<>();
        HeldValues.index(heap, values, (object, entry, heldBy) -> {
            Slot owner = owners.computeIfAbsent(entry, i -> new Slot(
                    new MapEntryRef(entries.get(i).map(), keyText(entries.get(i).key())), isString(entries.get(i).key()), null));
            slots.putIfAbsent(uniqueId(object), heldBy == null ? owner : new Slot(owner.entry(), owner.stringKey(), heldBy));
        });
    }

    /** A String key as its plain value, a boxed number as its digits, anything else as a bounded preview. */
    static String keyText(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof KeyMark mark) {
            return mark.text; // WeakHashMap's cleared or null key, IdentityHashMap's null key
        }
        if (key instanceof JdiHeapObject j && j.reference() instanceof StringReference s) {
            String v = s.value();
            return v.length() <= KEY_PREVIEW ? v : v.substring(0, KEY_PREVIEW) + "...";
        }
        String preview = ((HeapObject) key).preview(KEY_PREVIEW);
        if (isString(key) && preview.length() >= 2 && preview.startsWith("\"") && preview.endsWith("\"")) {
            return preview.substring(1, preview.length() - 1);
        }
        return preview;
    }

    static boolean isString(Object key) {
        if (key instanceof JdiHeapObject j) {
            return j.reference() instanceof StringReference;
        }
        return key instanceof HeapObject h && "java.lang.String".equals(h.className());
    }

    static long uniqueId(HeapObject o) {
        return o instanceof JdiHeapObject j ? j.reference().uniqueID() : o.id();
    }

    /** For callers holding JDI references: the uniqueID the index is keyed by. */
    public static long uniqueId(ObjectReference o) {
        return o.uniqueID();
    }
}
