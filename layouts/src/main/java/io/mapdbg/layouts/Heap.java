package io.mapdbg.layouts;

import java.util.Map;

/**
 * The target's heap as the layout rules read it, generic over the handle of one object: a JDI mirror in the CLI,
 * the live object itself in the agent, a fake in tests. Only field reads, array reads, class names and identity:
 * no method of an application object ever runs (no hashCode, equals or toString), so implementations must not
 * use O's own equals/hashCode either ({@link #same}, {@link #identityMap} stand in for them).
 *
 * <p>Reads that fail throw a RuntimeException; the walks report it as an unreadable node, or rethrow it when
 * {@link #fatal} says the target itself is gone.
 */
public interface Heap<O> {

    /**
     * Fields of declaringClass (declared there or inherited), read together from one object at a time. Made once
     * per walk: the agent resolves its reflective fields here, the JDWP heap reads them in one request per object.
     */
    Fields<O> fields(String declaringClass, String... names);

    /** Length of an array object. */
    int length(O array);

    /** Copies elements [from, from + count) of an array of objects into into[0..count); count is at most 16,384. */
    void copy(O array, int from, int count, Object[] into);

    /** Binary class name of an object ({@code java.util.HashMap$TreeNode}). */
    String className(O object);

    /** Binary names of the class and its superclasses, most derived first. */
    java.util.List<String> classHierarchy(O object);

    /** The id users see for an object; used in problem messages only (it may cost something). */
    long id(O object);

    /** Whether two handles name the same object. */
    boolean same(O a, O b);

    /** A map keyed by object identity (never by the objects' own hashCode/equals). */
    <V> Map<O, V> identityMap();

    /** A bounded preview of a key or value; may throw (the caller shows "(unreadable)"). */
    String preview(O value, int maxChars);

    /**
     * Told the heads of a table chunk before they are walked; a remote heap may read their chains ahead (all with
     * the fields of nodes, which include "next") and, when classesToo, learn the heads' classes. Default: nothing.
     */
    default void readAhead(Object[] heads, int count, Fields<O> nodes, boolean classesToo) {
    }

    /**
     * Whether reading a field costs no more than a memory load (live objects): a walk then reads keys and values
     * only for the bins it keeps, re-reading their first nodes, instead of with every node (what a remote heap,
     * whose node read brings them along, does).
     */
    default boolean local() {
        return false;
    }

    /** A cheap hint: false when the heap surely holds no instance of the class (skips class checks). */
    default boolean mayContain(String className) {
        return true;
    }

    /** Whether a failed read means the target is gone (rethrown), rather than one unreadable object. */
    default boolean fatal(RuntimeException e) {
        return false;
    }

    /**
     * Names of the instance fields of reference type of the object's class, inherited ones too: what a map value
     * may hold (an OrderState's latch). Default: none known (the value alone is indexed).
     */
    default String[] referenceFields(O object) {
        return new String[0];
    }

    /** Fields of the object's own class, which may be an application class the heap cannot find by name. */
    default Fields<O> fieldsOf(O object, String... names) {
        return fields(className(object), names);
    }

    /** Told that these objects' classes are about to be asked; a remote heap may learn them at once. */
    default void classesAhead(Object[] objects, int count) {
    }

    /** Told that these objects' fields are about to be read, one level (no chains followed). */
    default void fieldsAhead(Object[] objects, int count, Fields<O> fields) {
    }
}
