package io.mapdbg.agent.threads;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.layout.LiveHeap;
import io.mapdbg.agent.layout.Preview;
import io.mapdbg.layouts.HeldValues;
import io.mapdbg.layouts.KeyMark;
import io.mapdbg.layouts.MapEntries;
import io.mapdbg.layouts.MapLayouts;
import io.mapdbg.layouts.NotAMapException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which map entry holds an object, as debugger-cli's {@code io.mapdbg.locks.values.MapValueIndex} answers over
 * JDWP: the maps that application statics reach (HashMap, ConcurrentHashMap, Hashtable, WeakHashMap,
 * IdentityHashMap and their subclasses; a wrapper by its inner map), each entry's value, the objects a value's
 * reference fields hold (one level: an OrderState's latch) and the {@code sync} of a latch, semaphore or lock held
 * so: the walk and the rule are the shared layouts' ({@link MapEntries}, {@link HeldValues}) over live objects (no
 * map code runs), bounded as over JDWP: a map over 100,000 entries is skipped, the walk stops after 1,000,000.
 * Built once per report, and only when a latch-style wait needs it.
 */
final class ValueIndex {
    private static final long MAX_PER_MAP = 100_000;
    private static final long MAX_ENTRIES = 1_000_000;
    private static final int KEY_PREVIEW = 80;

    /** An entry that holds an object: its map (the inner one of a wrapper), the map's path and the key as text. */
    static final class Slot {
        final Object map;
        final String path;
        final String key;

        Slot(Object map, String path, String key) {
            this.map = map;
            this.path = path;
            this.key = key;
        }

        long mapId() {
            return ObjectIds.get().idOf(map);
        }
    }

    private final IdentityHashMap<Object, Slot> slots = new IdentityHashMap<Object, Slot>();
    private Map<Integer, List<Object>> byHash;
    private long entries;

    private ValueIndex() {
    }

    /** Indexes the values of these maps (map to static path); never throws. */
    static ValueIndex of(Map<Object, String> maps) {
        ValueIndex index = new ValueIndex();
        List<Object[]> owners = new ArrayList<Object[]>(); // {map, path, key} of each entry with a value
        List<Object> values = new ArrayList<Object>();
        try {
            for (Map.Entry<Object, String> m : maps.entrySet()) {
                String path = m.getValue();
                if (path == null || isJdk(path)) {
                    continue; // as over JDWP: maps the application's statics hold
                }
                if (index.entries >= MAX_ENTRIES) {
                    break;
                }
                try {
                    index.walk(m.getKey(), path, owners, values);
                } catch (Throwable unreadable) {
                    // this map is not indexed
                }
            }
            index.indexValues(owners, values);
        } catch (Throwable e) {
            // what was indexed stays
        }
        return index;
    }

    /** The entry holding this object, or null. */
    Slot byObject(Object o) {
        return o == null ? null : slots.get(o);
    }

    /** The entry holding an object known by class name and identity hash (a monitor in a thread dump), or null. */
    Slot byIdentity(String className, int identity) {
        if (byHash == null) {
            byHash = new HashMap<Integer, List<Object>>();
            for (Object o : slots.keySet()) {
                Integer h = System.identityHashCode(o);
                List<Object> l = byHash.get(h);
                if (l == null) {
                    l = new ArrayList<Object>(1);
                    byHash.put(h, l);
                }
                l.add(o);
            }
        }
        List<Object> l = byHash.get(identity);
        if (l != null) {
            for (Object o : l) {
                if (o.getClass().getName().equals(className)) {
                    return slots.get(o);
                }
            }
        }
        return null;
    }

    private static boolean isJdk(String path) {
        for (String p : new String[] {"java.", "javax.", "jdk.", "sun.", "com.sun.", "io.mapdbg.agent."}) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** One map's entries with a value, by the layouts' walk; a map over the bound is skipped, as over JDWP. */
    private void walk(Object map, final String path, final List<Object[]> owners, final List<Object> values) {
        MapLayouts.Target<Object> target;
        try {
            target = MapLayouts.resolve(LiveHeap.INSTANCE, map, path);
        } catch (NotAMapException notALayout) {
            return;
        }
        if (MapEntries.size(LiveHeap.INSTANCE, target) > MAX_PER_MAP) {
            return;
        }
        final Object inner = target.map;
        MapEntries.Result walked = MapEntries.visit(LiveHeap.INSTANCE, target, MAX_PER_MAP,
                new MapEntries.Visitor<Object>() {
                    @Override
                    public boolean entry(Object key, Object value) {
                        if (value != null) {
                            owners.add(new Object[] {inner, path, key});
                            values.add(value);
                        }
                        return true;
                    }
                });
        entries += walked.entries;
    }

    /** Values first, then what their fields hold, then a held latch's sync: the rule of {@link HeldValues}. */
    private void indexValues(final List<Object[]> owners, List<Object> values) {
        final Slot[] made = new Slot[owners.size()];
        HeldValues.index(LiveHeap.INSTANCE, values, new HeldValues.Found<Object>() {
            @Override
            public void found(Object object, int entry, String heldBy) {
                if (slots.containsKey(object)) {
                    return; // the first entry told holds it
                }
                if (made[entry] == null) {
                    Object[] o = owners.get(entry);
                    made[entry] = new Slot(o[0], (String) o[1], keyText(o[2]));
                }
                slots.put(object, made[entry]);
            }
        });
    }

    /** A String key as its plain value, anything else as the JDWP path's bounded preview. */
    private static String keyText(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof KeyMark) {
            return ((KeyMark) key).text; // WeakHashMap's cleared or null key, IdentityHashMap's null key
        }
        if (key instanceof String) {
            String s = (String) key;
            return s.length() <= KEY_PREVIEW ? s : s.substring(0, KEY_PREVIEW) + "...";
        }
        return Preview.of(key, KEY_PREVIEW);
    }
}
