package io.mapdbg.layouts;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A test heap over live objects by reflection; counts reads, and its ids are identity-assigned numbers. */
final class ReflectHeap implements Heap<Object> {
    private final IdentityHashMap<Object, Long> ids = new IdentityHashMap<>();
    int reads;
    int readAheads;
    /** As the agent's heap: keys and values read again for the bins kept, not with every node. */
    boolean local;

    @Override
    public boolean local() {
        return local;
    }

    @Override
    public Fields<Object> fields(String declaringClass, String... names) {
        Field[] fields = new Field[names.length];
        try {
            Class<?> c = Class.forName(declaringClass);
            for (int i = 0; i < names.length; i++) {
                // a Reference's referent through get(), as the agent reads it (java.lang.ref is not open)
                fields[i] = names[i].equals("referent") ? null : field(c, names[i]);
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return new Fields<>() {
            Object current;

            @Override
            public void at(Object object) {
                reads++;
                current = object;
            }

            @Override
            public Object ref(int field) {
                return value(field);
            }

            @Override
            public int intValue(int field) {
                return ((Number) value(field)).intValue();
            }

            @Override
            public long longValue(int field) {
                return ((Number) value(field)).longValue();
            }

            @Override
            public Object value(int field) {
                if (names[field].equals("referent") && current instanceof java.lang.ref.Reference<?> r) {
                    return r.get();
                }
                try {
                    return fields[field] == null ? null : fields[field].get(current);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // the superclass
            } catch (RuntimeException closed) { // a package not opened to the tests: read as absent
                return null;
            }
        }
        return null;
    }

    @Override
    public int length(Object array) {
        return ((Object[]) array).length;
    }

    @Override
    public void copy(Object array, int from, int count, Object[] into) {
        System.arraycopy(array, from, into, 0, count);
    }

    @Override
    public String className(Object object) {
        return object.getClass().getName();
    }

    @Override
    public List<String> classHierarchy(Object object) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return names;
    }

    @Override
    public long id(Object object) {
        return ids.computeIfAbsent(object, o -> (long) ids.size() + 1);
    }

    @Override
    public boolean same(Object a, Object b) {
        return a == b;
    }

    @Override
    public <V> Map<Object, V> identityMap() {
        return new IdentityHashMap<>();
    }

    @Override
    public String preview(Object value, int maxChars) {
        return value instanceof String s ? "\"" + s + "\"" : value instanceof Number n ? n.toString()
                : value.getClass().getSimpleName() + "@" + id(value);
    }

    @Override
    public void readAhead(Object[] heads, int count, Fields<Object> nodes, boolean classesToo) {
        readAheads++;
    }

    /** A private field of a JDK object, for tests that corrupt a map. */
    static Object get(Object o, String name) {
        try {
            return field(o.getClass(), name).get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(Object o, String name, Object value) {
        try {
            field(o.getClass(), name).set(o, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the agent's heap: the instance fields of reference type of the object's class, inherited ones too. */
    @Override
    public String[] referenceFields(Object object) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = object.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    names.add(f.getName());
                }
            }
        }
        return names.toArray(new String[0]);
    }
}
