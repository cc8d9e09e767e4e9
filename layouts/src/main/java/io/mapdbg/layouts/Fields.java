package io.mapdbg.layouts;

/**
 * A reader of the same fields of one class, positioned on one object at a time by {@link #at}; the values are
 * then taken by their index in the names given to {@link Heap#fields}. One reader per walk and field set: the
 * agent's reads allocate nothing, the JDWP heap's {@code at} is its one request per object.
 */
public interface Fields<O> {

    /** Positions on object (reading its fields now, or on demand); throws when the object cannot be read. */
    void at(O object);

    /** A reference field: an object handle, or null. */
    O ref(int field);

    /** An int (or smaller) field; IllegalStateException when the class has no such field. */
    int intValue(int field);

    /** A long or int field; IllegalStateException when the class has no such field. */
    long longValue(int field);

    /** Any field as a Java value (boxed primitive, handle or null); null also when the class has no such field. */
    Object value(int field);
}
