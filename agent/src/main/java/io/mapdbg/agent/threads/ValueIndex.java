package io.mapdbg.agent.threads;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.layout.Preview;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which map entry holds an object, as debugger-cli's {@code io.mapdbg.locks.values.MapValueIndex} answers over
 * JDWP: the maps that application statics reach (HashMap, ConcurrentHashMap, Hashtable, WeakHashMap,
 * IdentityHashMap and their subclasses; a synchronizedMap by its inner map), each entry's value, the objects a
 * value's reference fields hold (one level: an OrderState's latch) and the {@code sync} of a latch, semaphore or
 * lock held so. Tables are read by reflection (no map code runs), bounded as over JDWP: a map over 100,000 entries
 * is skipped, the walk stops after 1,000,000. Built once per report, and only when a latch-style wait needs it.
 */
final class ValueIndex {
    private static final long MAX_PER_MAP = 100_000;
    private static final long MAX_ENTRIES = 1_000_000;
    private static final int KEY_PREVIEW = 80;
    private static final int MAX_CHAIN = 1 << 16;
    private static final Set<String> LEAVES = new HashSet<String>(Arrays.asList("java.lang.String", "java.lang.Integer",
            "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean",
            "java.lang.Float", "java.lang.Double", "java.lang.Class", "java.math.BigDecimal", "java.math.BigInteger"));
    private static final Set<String> SYNC_HOLDERS = new HashSet<String>(Arrays.asList(
            "java.util.concurrent.CountDownLatch", "java.util.concurrent.Semaphore",
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantReadWriteLock"));

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
        List<Object[]> found = new ArrayList<Object[]>(); // {map, path, key, value}
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
                    index.walk(unwrap(m.getKey()), path, found);
                } catch (Throwable unreadable) {
                    // this map is not indexed
                }
            }
            index.indexValues(found);
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

    private static Object unwrap(Object map) {
        Class<?> c = map.getClass();
        if (c.getName().startsWith("java.util.Collections$Synchronized")) {
            Object inner = read(map, c, "m");
            if (inner != null) {
                return inner;
            }
        }
        return map;
    }

    private void walk(Object map, String path, List<Object[]> out) {
        if (map instanceof java.util.concurrent.ConcurrentHashMap) {
            Class<?> c = java.util.concurrent.ConcurrentHashMap.class;
            if (tooBig(number(read(map, c, "baseCount")))) {
                return;
            }
            chains(map, path, (Object[]) read(map, c, "table"), "key", "val", true, out);
        } else if (map instanceof java.util.HashMap) {
            if (tooBig(number(read(map, java.util.HashMap.class, "size")))) {
                return;
            }
            chains(map, path, (Object[]) read(map, java.util.HashMap.class, "table"), "key", "value", false, out);
        } else if (map instanceof java.util.Hashtable) {
            if (tooBig(number(read(map, java.util.Hashtable.class, "count")))) {
                return;
            }
            chains(map, path, (Object[]) read(map, java.util.Hashtable.class, "table"), "key", "value", false, out);
        } else if (map instanceof java.util.WeakHashMap) {
            if (tooBig(number(read(map, java.util.WeakHashMap.class, "size")))) {
                return;
            }
            chains(map, path, (Object[]) read(map, java.util.WeakHashMap.class, "table"), null, "value", false, out);
        } else if (map instanceof java.util.IdentityHashMap) {
            if (tooBig(number(read(map, java.util.IdentityHashMap.class, "size")))) {
                return;
            }
            Object[] table = (Object[]) read(map, java.util.IdentityHashMap.class, "table");
            for (int i = 0; table != null && i + 1 < table.length; i += 2) {
                if (table[i] != null) {
                    entries++;
                    if (table[i + 1] != null) {
                        out.add(new Object[] {map, path, table[i], table[i + 1]});
                    }
                }
            }
        }
    }

    private static boolean tooBig(long size) {
        return size > MAX_PER_MAP;
    }

    /** Every chain of the table; a CHM TreeBin by its first node, forwarding and reservation nodes skipped. */
    private void chains(Object map, String path, Object[] table, String keyField, String valueField, boolean chm,
                        List<Object[]> out) {
        if (table == null) {
            return;
        }
        for (Object head : table) {
            Object node = head;
            for (int depth = 0; node != null && depth < MAX_CHAIN; depth++) {
                if (chm) {
                    int hash = (int) number(read(node, "hash"));
                    if (hash == -2) {
                        node = read(node, "first");
                        continue;
                    }
                    if (hash < 0) {
                        break;
                    }
                }
                Object key = keyField == null ? ((Reference<?>) node).get() : read(node, keyField);
                Object value = read(node, valueField);
                entries++;
                if (value != null) {
                    out.add(new Object[] {map, path, key, value});
                }
                Object next = read(node, "next");
                if (next == node) {
                    break;
                }
                node = next;
            }
        }
    }

    /** Values first, then what their fields hold, then a held latch's sync: first found wins, as over JDWP. */
    private void indexValues(List<Object[]> found) {
        for (Object[] e : found) {
            if (!slots.containsKey(e[3])) {
                slots.put(e[3], new Slot(e[0], (String) e[1], keyText(e[2])));
            }
        }
        List<Object[]> held = new ArrayList<Object[]>();
        for (Object[] e : found) {
            Object value = e[3];
            String cls = value.getClass().getName();
            if (LEAVES.contains(cls) || value.getClass().isArray()) {
                continue;
            }
            Slot owner = slots.get(value);
            for (Field f : referenceFields(value.getClass())) {
                Object v;
                try {
                    v = f.get(value);
                } catch (Throwable t) {
                    continue;
                }
                if (v != null) {
                    if (!slots.containsKey(v)) {
                        slots.put(v, owner);
                    }
                    held.add(new Object[] {v, owner});
                }
            }
        }
        for (Object[] h : held) {
            if (SYNC_HOLDERS.contains(h[0].getClass().getName())) {
                Object sync = read(h[0], h[0].getClass(), "sync");
                if (sync != null && !slots.containsKey(sync)) {
                    slots.put(sync, (Slot) h[1]);
                }
            }
        }
    }

    /** A String key as its plain value, anything else as the JDWP path's bounded preview. */
    private static String keyText(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof String) {
            String s = (String) key;
            return s.length() <= KEY_PREVIEW ? s : s.substring(0, KEY_PREVIEW) + "...";
        }
        return Preview.of(key, KEY_PREVIEW);
    }

    /** Per class, cached for the client session served (see SessionClassCache: none outlives it). */
    private static final io.mapdbg.agent.SessionClassCache<Field[]> REFERENCE_FIELDS =
            new io.mapdbg.agent.SessionClassCache<Field[]>(4096, new io.mapdbg.agent.SessionClassCache.Compute<Field[]>() {
        @Override
        public Field[] of(Class<?> c) {
            List<Field> out = new ArrayList<Field>();
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                try {
                    for (Field f : k.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            try {
                                f.setAccessible(true);
                                out.add(f);
                            } catch (Throwable closed) {
                                // a field of a closed package: not indexed
                            }
                        }
                    }
                } catch (Throwable e) {
                    break;
                }
            }
            return out.toArray(new Field[0]);
        }
    });

    private static Field[] referenceFields(Class<?> c) {
        return REFERENCE_FIELDS.get(c);
    }

    private static final io.mapdbg.agent.SessionClassCache<Map<String, Field>> FIELDS =
            new io.mapdbg.agent.SessionClassCache<Map<String, Field>>(4096,
                    new io.mapdbg.agent.SessionClassCache.Compute<Map<String, Field>>() {
        @Override
        public Map<String, Field> of(Class<?> c) {
            return new HashMap<String, Field>();
        }
    });

    /** A field's value by name, declared in the object's class or a superclass; null when unreadable. */
    private static Object read(Object o, String name) {
        return read(o, o.getClass(), name);
    }

    private static Object read(Object o, Class<?> c, String name) {
        Map<String, Field> known = FIELDS.get(c);
        Field f;
        synchronized (known) {
            f = known.get(name);
            if (f == null && !known.containsKey(name)) {
                f = find(c, name);
                known.put(name, f);
            }
        }
        if (f == null) {
            return null;
        }
        try {
            return f.get(o);
        } catch (Throwable e) {
            return null;
        }
    }

    private static Field find(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true); // java.util and java.util.concurrent(.locks) are opened when the agent starts
                return f;
            } catch (Throwable e) {
                // a superclass, or not readable
            }
        }
        return null;
    }

    private static long number(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }
}
