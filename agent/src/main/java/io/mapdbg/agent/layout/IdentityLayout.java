package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;

/** IdentityHashMap: walked by the shared rules (io.mapdbg.layouts.IdentityLayout); the fields serve quick stats. */
final class IdentityLayout {
    static final Field TABLE = Reflect.field(IdentityHashMap.class, "table");
    static final Field SIZE = Reflect.field(IdentityHashMap.class, "size");

    private IdentityLayout() {
    }

    static LayoutResult walk(Object map, Options options) {
        return LayoutResult.of(io.mapdbg.layouts.IdentityLayout.walk(LiveHeap.INSTANCE, map, options.bounds(), null));
    }
}
