package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.layouts.MapLayouts;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the in-process layouts: the shared rules (io.mapdbg.layouts.MapLayouts: layout by class
 * hierarchy, wrappers taken off, the walk and its checks) over live objects, as the JDWP path runs them.
 */
public final class Layouts {
    static final String SYNCHRONIZED_MAP = "java.util.Collections$SynchronizedMap";

    private Layouts() {
    }

    /** True when the object is a map this agent can walk (directly or through wrappers). */
    public static boolean isMap(Object o) {
        return o instanceof java.util.Map && MapLayouts.knows(hierarchy(o.getClass()));
    }

    private static List<String> hierarchy(Class<?> c) {
        List<String> names = new ArrayList<String>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            names.add(k.getName());
        }
        return names;
    }

    static LayoutResult walk(Object map, String path, Options options) {
        MapLayouts.Target<Object> t = resolve(map, path);
        long started = System.nanoTime();
        LayoutResult r = new LayoutResult(MapLayouts.walk(LiveHeap.INSTANCE, t, options.bounds(), null));
        r.walkNanos = System.nanoTime() - started;
        r.id = ObjectIds.get().idOf(t.map);
        r.className = t.className;
        r.path = t.path;
        r.wrapper = t.wrapper;
        return r;
    }

    /** Size, table length and the bins that hold entries (not CHM specials), without walking. */
    static long[] quickStats(Object map) {
        MapLayouts.QuickStats s = MapLayouts.quickStats(LiveHeap.INSTANCE, resolve(map, null), true);
        return new long[] {s.size, s.capacity, s.nonEmptyBins};
    }

    /** @throws IllegalArgumentException (io.mapdbg.layouts.NotAMapException) when it is no map the agent knows */
    static MapLayouts.Target<Object> resolve(Object map, String path) {
        return MapLayouts.resolve(LiveHeap.INSTANCE, map, path);
    }
}
