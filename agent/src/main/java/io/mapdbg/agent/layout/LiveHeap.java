package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.SessionClassCache;
import io.mapdbg.layouts.Fields;
import io.mapdbg.layouts.Heap;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layouts' heap over live objects in this JVM: fields by reflection (resolved once per walk), identity by
 * {@code ==}; never a method of an application object. A Reference's referent is read through get(), which a
 * concurrent collector keeps safe, not through its field; a Thread's tid through getId().
 */
public final class LiveHeap implements Heap<Object> {
    public static final LiveHeap INSTANCE = new LiveHeap();
    private static final byte PLAIN = 0;
    private static final byte REFERENT = 1;
    private static final byte THREAD_ID = 2;

    private LiveHeap() {
    }

    @Override
    public Fields<Object> fields(String declaringClass, String... names) {
        return fields(Reflect.type(declaringClass), names);
    }

    /** Fields of an application class too (found by the object, not by name: it need not be a JDK class). */
    @Override
    public Fields<Object> fieldsOf(Object object, String... names) {
        return fields(object.getClass(), names);
    }

    private static Fields<Object> fields(Class<?> c, String... names) {
        Field[] fields = new Field[names.length];
        byte[] special = new byte[names.length];
        for (int i = 0; i < names.length; i++) {
            special[i] = names[i].equals("referent") && Reference.class.isAssignableFrom(c) ? REFERENT
                    : names[i].equals("tid") && Thread.class.isAssignableFrom(c) ? THREAD_ID : PLAIN;
            fields[i] = special[i] != PLAIN ? null : Reflect.optionalField(c, names[i]);
        }
        return new LiveFields(fields, special);
    }

    /** One object's fields at a time: at() only remembers the object, each value is read when asked. */
    private static final class LiveFields implements Fields<Object> {
        private final Field[] fields;
        private final byte[] special;
        private Object current;

        LiveFields(Field[] fields, byte[] special) {
            this.fields = fields;
            this.special = special;
        }

        @Override
        public void at(Object object) {
            current = object;
        }

        @Override
        public Object ref(int field) {
            return value(field);
        }

        @Override
        public int intValue(int field) {
            try {
                return present(field).getInt(current);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public long longValue(int field) {
            try {
                return present(field).getLong(current);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public Object value(int field) {
            if (special[field] == REFERENT) {
                return ((Reference<?>) current).get();
            }
            if (special[field] == THREAD_ID) {
                return ((Thread) current).getId(); // as the thread dump reads it, without opening java.lang
            }
            Field f = fields[field];
            return f == null ? null : Reflect.get(f, current);
        }

        private Field present(int field) {
            Field f = fields[field];
            if (f == null) {
                throw new IllegalStateException("no field #" + field + " in " + current.getClass().getName());
            }
            return f;
        }
    }

    /** The instance fields of reference type of the object's class, inherited ones too; cached per class. */
    @Override
    public String[] referenceFields(Object object) {
        return REFERENCE_FIELDS.get(object.getClass());
    }

    /** Per class, for the client session served (see SessionClassCache: none outlives it). */
    private static final SessionClassCache<String[]> REFERENCE_FIELDS = new SessionClassCache<String[]>(4096,
            new SessionClassCache.Compute<String[]>() {
        @Override
        public String[] of(Class<?> c) {
            java.util.Set<String> out = new java.util.LinkedHashSet<String>(); // a shadowed name once, as JDWP lists it
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                try {
                    for (Field f : k.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            out.add(f.getName());
                        }
                    }
                } catch (Throwable e) {
                    break;
                }
            }
            return out.toArray(new String[0]);
        }
    });

    @Override
    public int length(Object array) {
        return ((Object[]) array).length;
    }

    @Override
    public void copy(Object array, int from, int count, Object[] into) {
        System.arraycopy((Object[]) array, from, into, 0, count);
    }

    @Override
    public String className(Object object) {
        return object.getClass().getName();
    }

    @Override
    public List<String> classHierarchy(Object object) {
        List<String> names = new ArrayList<String>();
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return names;
    }

    @Override
    public long id(Object object) {
        return ObjectIds.get().idOf(object);
    }

    @Override
    public boolean same(Object a, Object b) {
        return a == b;
    }

    @Override
    public <V> Map<Object, V> identityMap() {
        return new IdentityHashMap<Object, V>();
    }

    /** Keys and values are read for the bins shown only: the walk itself reads hash and next. */
    @Override
    public boolean local() {
        return true;
    }

    @Override
    public String preview(Object value, int maxChars) {
        return Preview.of(value, maxChars);
    }
}
