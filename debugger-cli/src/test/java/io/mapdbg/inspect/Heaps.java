package io.mapdbg.inspect;

import java.lang.reflect.Field;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads and writes JDK map internals by reflection, to compute expected layouts independently and to corrupt maps. */
final class Heaps {

    private Heaps() {
    }

    static Object get(Object object, String name) {
        try {
            Field field = field(object.getClass(), name);
            return field.get(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(Object object, String name, Object value) {
        try {
            field(object.getClass(), name).set(object, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object[] table(Object map) {
        return (Object[]) get(map, "table");
    }

    /** Length of the chain from head by the field {@code next} (no cycle expected). */
    static int chainLength(Object head) {
        int length = 0;
        for (Object node = head; node != null; node = get(node, "next")) {
            length++;
        }
        return length;
    }

    /** What a decoder should find in a chained table: computed from the real objects, not from the decoder. */
    record Expected(int nonEmptyBins, long entries, int longestIndex, int longestLength,
                    SortedMap<String, Integer> histogram) {
    }

    static Expected expected(Object[] table) {
        SortedMap<String, Integer> histogram = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        histogram.put("0", 0);
        int nonEmpty = 0;
        long entries = 0;
        int longestIndex = -1;
        int longestLength = 0;
        for (int i = 0; table != null && i < table.length; i++) {
            int length = chainLength(table[i]);
            histogram.merge(Integer.toString(length), 1, Integer::sum);
            entries += length;
            if (length > 0) {
                nonEmpty++;
            }
            if (length > longestLength) {
                longestLength = length;
                longestIndex = i;
            }
        }
        return new Expected(nonEmpty, entries, longestIndex, longestLength, histogram);
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            try {
                Field field = t.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + type.getName());
    }
}
