package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ConcurrentHashMap fields the lock resolution (MapLocks) reads; the map's layout itself is walked by the
 * shared rules (io.mapdbg.layouts.ConcurrentLayout).
 */
final class ConcurrentLayout {
    static final String MAP = io.mapdbg.layouts.ConcurrentLayout.MAP;
    static final Field TABLE = Reflect.field(ConcurrentHashMap.class, "table");
    static final Field NEXT_TABLE = Reflect.field(ConcurrentHashMap.class, "nextTable");
    static final Class<?> TREE_BIN = Reflect.type(MAP + "$TreeBin");
    static final Field BIN_LOCK_STATE = Reflect.field(TREE_BIN, "lockState");

    private ConcurrentLayout() {
    }
}
