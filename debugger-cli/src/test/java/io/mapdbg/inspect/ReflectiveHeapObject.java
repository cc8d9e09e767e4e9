package io.mapdbg.inspect;

import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link HeapObject} over real objects in this JVM, by reflection: what the decoders see through JDI, without a
 * target. Counts calls per method so tests can assert the request budget, and enforces the 16,384-element chunk rule.
 */
final class ReflectiveHeapObject implements HeapObject {

    static final int MAX_ARRAY_RANGE = 16_384;

    /** The shared state of one test "heap": ids, call counts, injected faults. */
    static final class Heap {
        private final IdentityHashMap<Object, Long> ids = new IdentityHashMap<>();
        private final Map<String, Integer> calls = new HashMap<>();
        /** Objects whose field reads throw, as a vanished or garbage object would over JDWP. */
        final Set<Object> unreadable = Collections.newSetFromMap(new IdentityHashMap<>());
        Predicate<String> mayContain = className -> true;

        HeapObject wrap(Object object) {
            return object == null ? null : new ReflectiveHeapObject(this, object);
        }

        int calls(String method) {
            return calls.getOrDefault(method, 0);
        }

        void resetCalls() {
            calls.clear();
        }

        private long id(Object object) {
            return ids.computeIfAbsent(object, o -> (long) ids.size() + 1);
        }

        private void count(String method) {
            calls.merge(method, 1, Integer::sum);
        }
    }

    private final Heap heap;
    private final Object object;

    private ReflectiveHeapObject(Heap heap, Object object) {
        this.heap = heap;
        this.object = object;
    }

    Object object() {
        return object;
    }

    @Override
    public long id() {
        return heap.id(object);
    }

    @Override
    public String className() {
        heap.count("className");
        Class<?> type = object.getClass();
        return type.isArray() ? type.getTypeName() : type.getName();
    }

    @Override
    public List<String> classHierarchy() {
        heap.count("classHierarchy");
        List<String> names = new ArrayList<>();
        for (Class<?> type = object.getClass(); type != null; type = type.getSuperclass()) {
            names.add(type.isArray() ? type.getTypeName() : type.getName());
        }
        return names;
    }

    @Override
    public Map<String, Object> read(String declaringClass, String... fields) {
        heap.count("read");
        if (heap.unreadable.contains(object)) {
            throw new IllegalStateException("object " + id() + " is unreadable (test fault)");
        }
        Class<?> start = object.getClass();
        while (start != null && !start.getName().equals(declaringClass)) {
            start = start.getSuperclass();
        }
        if (start == null) {
            throw new IllegalArgumentException(object.getClass().getName() + " is not a " + declaringClass);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : fields) {
            Field field = find(start, name);
            if (field != null) {
                Object value = get(field);
                values.put(name, field.getType().isPrimitive() ? value : heap.wrap(value));
            }
        }
        return values;
    }

    @Override
    public int arrayLength() {
        heap.count("arrayLength");
        return Array.getLength(object);
    }

    @Override
    public List<Object> arrayRange(int from, int count) {
        heap.count("arrayRange");
        if (count > MAX_ARRAY_RANGE) {
            // an Error, so no decoder catch hides it: the chunking rule is part of the contract
            throw new AssertionError("arrayRange of " + count + " elements (max " + MAX_ARRAY_RANGE + ")");
        }
        boolean primitive = object.getClass().getComponentType().isPrimitive();
        List<Object> elements = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            Object element = Array.get(object, i);
            elements.add(primitive ? element : heap.wrap(element));
        }
        return elements;
    }

    @Override
    public String preview(int maxChars) {
        heap.count("preview");
        String text;
        if (object instanceof String s) {
            text = "\"" + s + "\"";
        } else if (object instanceof Number || object instanceof Boolean || object instanceof Character) {
            text = object.toString();
        } else if (object instanceof Enum<?> e) {
            text = e.name();
        } else {
            text = object.getClass().getSimpleName() + "@" + id();
        }
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }

    @Override
    public boolean heapMayContain(String className) {
        heap.count("heapMayContain");
        return heap.mayContain.test(className);
    }

    private static Field find(Class<?> start, String name) {
        for (Class<?> type = start; type != null; type = type.getSuperclass()) {
            try {
                return type.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // inherited fields are looked up in the superclass
            }
        }
        return null;
    }

    private Object get(Field field) {
        try {
            field.setAccessible(true);
            return field.get(Modifier.isStatic(field.getModifiers()) ? null : object);
        } catch (InaccessibleObjectException e) {
            // java.lang and java.lang.ref are not opened to tests: read the same values through public API
            if (field.getName().equals("referent") && object instanceof Reference<?> reference) {
                return reference.get();
            }
            if (field.getName().equals("tid") && object instanceof Thread thread) {
                return thread.getId();
            }
            throw e;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
