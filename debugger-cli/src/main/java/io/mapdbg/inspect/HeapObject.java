package io.mapdbg.inspect;

import java.util.List;
import java.util.Map;

/**
 * A read-only view of one object in the target heap: the narrow interface every map decoder reads through,
 * implemented over JDI mirrors (session), over an agent snapshot, and over plain objects in unit tests.
 *
 * <p>Values handed back are {@code null}, a boxed primitive (Integer, Long, Boolean, ...), or a HeapObject.
 * Implementations bound each remote call (array reads are chunked; field reads are one request per call).
 */
public interface HeapObject {

    /** Stable id of the object within this session (JDI uniqueID); cycle detection uses it. */
    long id();

    /** Binary class name, e.g. {@code java.util.HashMap$Node}; arrays as {@code java.util.HashMap$Node[]}. May cost a round trip. */
    String className();

    /** Binary names of the class and its superclasses, most derived first (java.lang.Object last). */
    List<String> classHierarchy();

    /**
     * Reads fields declared in {@code declaringClass} (or inherited by it) in one request, without asking
     * for this object's own class. A field the class does not have is absent from the result.
     */
    Map<String, Object> read(String declaringClass, String... fields);

    /** Length of an array object. */
    int arrayLength();

    /** Elements [from, from+count) of an array object; implementations split large ranges into safe chunks. */
    List<Object> arrayRange(int from, int count);

    /** A bounded, human preview: strings quoted, boxed values as their value, enums by name, else {@code Class@id}. */
    String preview(int maxChars);

    /**
     * Reads the same fields of many objects ahead of use; an implementation may pipeline the requests, and each
     * object then answers the next {@code read(declaringClass, fields)} with exactly these names from memory.
     * Returns what was read, one entry per object (null where it was not read), or null when this heap does
     * not read ahead at all.
     */
    default List<Map<String, Object>> prefetch(List<? extends HeapObject> objects, String declaringClass, String... fields) {
        return null;
    }

    /** Learns the classes of many objects at once, so their className() costs nothing after; may do nothing. */
    default void prefetchClassNames(List<? extends HeapObject> objects) {
    }

    /** Whether the heap may hold any instance of the class; a cheap hint that lets decoders skip class checks. */
    default boolean heapMayContain(String className) {
        return true;
    }
}
