package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.WeakHashMap;

/**
 * HashMap (and LinkedHashMap), Hashtable and WeakHashMap: walked by the shared rules (io.mapdbg.layouts), as the JDWP
 * path walks them; the fields here serve the census's quick stats.
 */
final class ChainedLayouts {
    private ChainedLayouts() {
    }

    /** HashMap's fields for quickStats, read once per agent. */
    static final class HashMapFields {
        static final Field TABLE = Reflect.field(HashMap.class, "table");
        static final Field SIZE = Reflect.field(HashMap.class, "size");
    }

    /** Walked by the shared rules (io.mapdbg.layouts), as the JDWP path walks it. */
    static LayoutResult hashMap(Object map, Options options) {
        return LayoutResult.of(io.mapdbg.layouts.ChainedLayouts.hashMap(LiveHeap.INSTANCE, map, options.bounds(), null));
    }

    static final class HashtableFields {
        static final Field TABLE = Reflect.field(Hashtable.class, "table");
        static final Field COUNT = Reflect.field(Hashtable.class, "count");
    }

    static LayoutResult hashtable(Object map, Options options) {
        return LayoutResult.of(io.mapdbg.layouts.ChainedLayouts.hashtable(LiveHeap.INSTANCE, map, options.bounds(), null));
    }

    static final class WeakFields {
        static final Field TABLE = Reflect.field(WeakHashMap.class, "table");
        static final Field SIZE = Reflect.field(WeakHashMap.class, "size");
    }

    static LayoutResult weakHashMap(Object map, Options options) {
        return LayoutResult.of(io.mapdbg.layouts.ChainedLayouts.weakHashMap(LiveHeap.INSTANCE, map, options.bounds(), null));
    }
}
