package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ConcurrentHashMap: walked by the shared rules (io.mapdbg.layouts.ConcurrentLayout); the fields here serve the
 * census's quick stats and the lock resolution (MapLocks).
 */
final class ConcurrentLayout {
    static final int MOVED = io.mapdbg.layouts.ConcurrentLayout.MOVED;
    static final int RESERVED = io.mapdbg.layouts.ConcurrentLayout.RESERVED;

    static final String MAP = io.mapdbg.layouts.ConcurrentLayout.MAP;
    static final Field TABLE = Reflect.field(ConcurrentHashMap.class, "table");
    static final Field NEXT_TABLE = Reflect.field(ConcurrentHashMap.class, "nextTable");
    static final Field BASE_COUNT = Reflect.field(ConcurrentHashMap.class, "baseCount");
    static final Field COUNTER_CELLS = Reflect.field(ConcurrentHashMap.class, "counterCells");
    static final Field NODE_HASH = Reflect.field(Reflect.type(MAP + "$Node"), "hash");
    static final Class<?> TREE_BIN = Reflect.type(MAP + "$TreeBin");
    static final Field BIN_LOCK_STATE = Reflect.field(TREE_BIN, "lockState");

    private ConcurrentLayout() {
    }

    static LayoutResult walk(Object map, Options options) {
        return LayoutResult.of(io.mapdbg.layouts.ConcurrentLayout.walk(LiveHeap.INSTANCE, map, options.bounds(), null));
    }

    static long counterCellsSum(Object map) {
        return io.mapdbg.layouts.ConcurrentLayout.counterCellsSum(LiveHeap.INSTANCE, Reflect.get(COUNTER_CELLS, map));
    }
}
