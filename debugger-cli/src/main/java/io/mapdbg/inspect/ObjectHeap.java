package io.mapdbg.inspect;

import io.mapdbg.layouts.Fields;
import io.mapdbg.layouts.Heap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared layouts' heap over {@link HeapObject} (JDI mirrors, or fakes in tests): each object's fields in one
 * request, a table chunk's chains read ahead breadth first ({@link ChainPrefetch}) so a walk over JDWP pays the
 * target's work rather than one latency per node, identity by object id.
 */
public class ObjectHeap implements Heap<HeapObject> {
    private final HeapObject anyObject;

    /** anyObject: an object of this heap, asked for heap-wide hints (heapMayContain). */
    public ObjectHeap(HeapObject anyObject) {
        this.anyObject = anyObject;
    }

    @Override
    public Fields<HeapObject> fields(String declaringClass, String... names) {
        return new ObjectFields(declaringClass, names);
    }

    /** One request per object, all names at once: the form ChainPrefetch reads ahead, so it is answered from memory. */
    static final class ObjectFields implements Fields<HeapObject> {
        final String declaringClass;
        final String[] names;
        private Map<String, Object> current = Map.of();

        ObjectFields(String declaringClass, String[] names) {
            this.declaringClass = declaringClass;
            this.names = names;
        }

        @Override
        public void at(HeapObject object) {
            current = object.read(declaringClass, names);
        }

        @Override
        public HeapObject ref(int field) {
            return object(current.get(names[field]));
        }

        @Override
        public int intValue(int field) {
            return (int) number(current, names[field]);
        }

        @Override
        public long longValue(int field) {
            return number(current, names[field]);
        }

        @Override
        public Object value(int field) {
            return current.get(names[field]);
        }
    }

    @Override
    public int length(HeapObject array) {
        return array.arrayLength();
    }

    @Override
    public void copy(HeapObject array, int from, int count, Object[] into) {
        List<Object> elements = array.arrayRange(from, count);
        for (int i = 0; i < count; i++) {
            into[i] = elements.get(i);
        }
    }

    @Override
    public String className(HeapObject object) {
        return object.className();
    }

    @Override
    public List<String> classHierarchy(HeapObject object) {
        return object.classHierarchy();
    }

    @Override
    public long id(HeapObject object) {
        return object.id();
    }

    @Override
    public boolean same(HeapObject a, HeapObject b) {
        return a.id() == b.id();
    }

    @Override
    public <V> Map<HeapObject, V> identityMap() {
        return new TreeMap<>(Comparator.comparingLong(HeapObject::id));
    }

    @Override
    public String preview(HeapObject value, int maxChars) {
        return value.preview(maxChars);
    }

    @Override
    public void readAhead(Object[] heads, int count, Fields<HeapObject> nodes, boolean classesToo) {
        List<Object> chunk = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunk.add(heads[i]);
        }
        ObjectFields fields = (ObjectFields) nodes;
        ChainPrefetch.chains(chunk, fields.declaringClass, fields.names);
        if (classesToo) {
            ChainPrefetch.classNames(chunk);
        }
    }

    @Override
    public void classesAhead(Object[] objects, int count) {
        List<HeapObject> list = heapObjects(objects, count);
        if (!list.isEmpty()) {
            list.get(0).prefetchClassNames(list);
        }
    }

    @Override
    public void fieldsAhead(Object[] objects, int count, Fields<HeapObject> fields) {
        List<HeapObject> list = heapObjects(objects, count);
        if (!list.isEmpty()) {
            ObjectFields f = (ObjectFields) fields;
            list.get(0).prefetch(list, f.declaringClass, f.names);
        }
    }

    private static List<HeapObject> heapObjects(Object[] objects, int count) {
        List<HeapObject> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (objects[i] instanceof HeapObject h) {
                list.add(h);
            }
        }
        return list;
    }

    @Override
    public boolean mayContain(String className) {
        return anyObject.heapMayContain(className);
    }

    @Override
    public boolean fatal(RuntimeException e) {
        return e.getClass().getName().endsWith("VMDisconnectedException");
    }

    /** A field that must hold an object reference (or null). */
    private static HeapObject object(Object value) {
        if (value == null || value instanceof HeapObject) {
            return (HeapObject) value;
        }
        throw new IllegalStateException("expected an object reference, found " + value);
    }

    /** A field that must hold a number; absent means the object is not what the walk expected. */
    private static long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("field " + name + " missing or not a number: " + value);
    }
}
