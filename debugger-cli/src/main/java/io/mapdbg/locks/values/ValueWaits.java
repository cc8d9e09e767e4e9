package io.mapdbg.locks.values;

import com.sun.jdi.ClassType;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.session.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits on map values: "settle-order-17 waits on ORDER_LATCHES["order-17"] (CountDownLatch, count 1)". Index the
 * heap's hash maps once per report with {@link #index}, then ask {@link #find} for each waiting thread's blocker.
 * Both run inside a VM suspension the caller holds; {@link #indexSuspended} takes its own for standalone use.
 */
public final class ValueWaits {

    /** The map families walked; loaded subclasses (LinkedHashMap, Properties, application maps) come along. */
    static final List<String> FAMILIES = List.of("java.util.HashMap", "java.util.concurrent.ConcurrentHashMap",
            "java.util.Hashtable", "java.util.WeakHashMap", "java.util.IdentityHashMap");

    /**
     * How much of the heap one index may read: maps over maxEntriesPerMap entries are skipped, and the walk stops
     * after maxEntries entries in all; each skip is in {@link #notes()}.
     */
    public record Bounds(long maxEntriesPerMap, long maxEntries) {
        public static final Bounds DEFAULT = new Bounds(100_000, 1_000_000);
    }

    private final Session session;
    private final MapValueIndex index;
    private final Map<Long, Optional<String>> paths = new HashMap<>(); // map uniqueID -> static path, asked once

    private ValueWaits(Session session, MapValueIndex index) {
        this.session = session;
        this.index = index;
    }

    /** Walks every instance of the map families (bounded) and indexes their values; the caller holds a suspension. */
    public static ValueWaits index(Session session, Bounds bounds) {
        return session.call("indexing map values", () -> {
            List<MapValueIndex.Candidate> candidates = new ArrayList<>();
            for (ClassType type : session.loadedClassesInFamilies(FAMILIES)) {
                for (HeapObject map : session.instances(type)) {
                    candidates.add(new MapValueIndex.Candidate(map, type.name(), null));
                }
            }
            return new ValueWaits(session, MapValueIndex.build(candidates, bounds.maxEntriesPerMap(), bounds.maxEntries()));
        });
    }

    /** Indexes the values of the given maps only (bounded); the caller holds a suspension. */
    public static ValueWaits indexOf(Session session, List<MapValueIndex.Candidate> maps, Bounds bounds) {
        return session.call("indexing map values", () -> new ValueWaits(session,
                MapValueIndex.build(maps, bounds.maxEntriesPerMap(), bounds.maxEntries())));
    }

    /**
     * The entry whose value is this lock object, or holds it in a field (a latch's {@code sync} too), without
     * looking for owners through the heap: the index alone. Paths are those the candidates came with.
     */
    public Optional<MapEntryRef> entryOf(ObjectReference lock) {
        MapValueIndex.Slot slot = index.find(lock.uniqueID());
        return slot == null ? Optional.empty() : Optional.of(slot.entry());
    }

    /** As {@link #index}, suspending the target for the walk and resuming it after (standalone use). */
    public static ValueWaits indexSuspended(Session session, Bounds bounds) {
        return session.suspended(() -> index(session, bounds));
    }

    /** What a suspended thread waits on: its {@code parkBlocker}, else the monitor of {@code Object.wait}. */
    public static Optional<ObjectReference> blockerOf(ThreadReference thread) {
        return BlockerOwners.blockerOf(thread);
    }

    /** The owner of a blocker (latch, semaphore, future, phaser, monitor) with its detail, map or no map. */
    public static BlockerOwner owner(ObjectReference blocker) {
        return BlockerOwners.resolve(blocker);
    }

    /**
     * The map entry whose value is the blocker's owner (or holds it in a field), else the blocker itself (or a
     * value holding it); empty when no walked map holds either. Reads the owner's state: call inside the suspension.
     */
    public Optional<ValueWait> find(ObjectReference blocker) {
        return session.call("finding the map value a thread waits on", () -> {
            BlockerOwner owner = BlockerOwners.resolve(blocker);
            MapValueIndex.Slot slot = index.find(owner.owner().uniqueID());
            if (slot == null) {
                slot = index.find(blocker.uniqueID());
            }
            if (slot == null) {
                return Optional.<ValueWait>empty();
            }
            MapRef map = slot.entry().map();
            MapEntryRef entry = new MapEntryRef(new MapRef(map.id(), map.className(), pathOf(map.id())), slot.entry().key());
            return Optional.of(new ValueWait(entry, slot.stringKey(), slot.heldBy(), owner.owner().referenceType().name(),
                    session.mirror(owner.owner()).id(), owner.kind(), owner.detail()));
        });
    }

    /** Objects indexed: JDI uniqueID to the entry that holds them (paths left null; {@link #find} fills them). */
    public Map<Long, MapEntryRef> entries() {
        return index.entries();
    }

    /** Maps skipped as over the bound, unreadable maps, a walk cut short: say these in the report. */
    public List<String> notes() {
        return index.notes();
    }

    public int mapsWalked() {
        return index.mapsWalked();
    }

    public long entriesWalked() {
        return index.entriesWalked();
    }

    private String pathOf(long mapId) {
        return paths.computeIfAbsent(mapId, id -> session.byId(id).map(m -> session.staticHoldersOf(List.of(m)).get(id))).orElse(null);
    }
}
