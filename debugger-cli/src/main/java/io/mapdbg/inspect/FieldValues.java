package io.mapdbg.inspect;

import java.util.Map;

/** The values of a {@link HeapObject#read}, checked: a reference must be an object, a number a number. */
final class FieldValues {
    private FieldValues() {
    }

    /** A field that must hold an object reference (or null). */
    static HeapObject object(Object value) {
        if (value == null || value instanceof HeapObject) {
            return (HeapObject) value;
        }
        throw new IllegalStateException("expected an object reference, found " + value);
    }

    /** A field that must hold a number; absent means the object is not what the decoder expected. */
    static long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("field " + name + " missing or not a number: " + value);
    }
}
