package io.mapdbg.locks.values;

import io.mapdbg.model.MapEntryRef;

/**
 * A wait on a map value: the entry whose value is (or holds in a field) the object waited on, and that object.
 * ownerId is the owner's display id in this session ({@code @id}, as {@code Session.mirror(o).id()} gives it);
 * kind and detail as in {@link BlockerOwner}, e.g. {@code CountDownLatch} and {@code CountDownLatch, count 1}.
 * heldBy is null when the owner is the value itself, else the value's field that holds it ({@code latch}).
 */
public record ValueWait(MapEntryRef entry, boolean stringKey, String heldBy, String ownerClass, long ownerId,
                        String kind, String detail) {

    /** {@code ORDER_LATCHES["order-17"] (CountDownLatch, count 1)}: the map by its last path segment, else {@code @id}. */
    public String describe() {
        String path = entry.map().path();
        String map = path == null ? "@" + entry.map().id() : path.substring(path.lastIndexOf('.') + 1);
        String key = stringKey ? "\"" + entry.key().replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : entry.key();
        return map + "[" + key + "]" + (heldBy == null ? "" : "." + heldBy) + " (" + detail + ")";
    }
}
