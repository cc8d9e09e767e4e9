package io.mapdbg.locks.values;

import com.sun.jdi.Field;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.inspect.ObjectHeap;
import io.mapdbg.session.JdiHeapObject;

import java.util.LinkedHashSet;
import java.util.Set;

/** The layouts' heap over JDWP, knowing too which fields of a value's class hold references (read from JDI). */
final class ValueHeap extends ObjectHeap {

    ValueHeap(HeapObject anyObject) {
        super(anyObject);
    }

    /** Names of the instance fields of reference type of this object's class (inherited ones included). */
    @Override
    public String[] referenceFields(HeapObject value) {
        if (!(value instanceof JdiHeapObject j)) {
            return new String[0];
        }
        Set<String> names = new LinkedHashSet<>();
        for (Field f : j.reference().referenceType().allFields()) {
            if (!f.isStatic() && !isPrimitive(f.typeName())) {
                names.add(f.name());
            }
        }
        return names.toArray(String[]::new);
    }

    private static boolean isPrimitive(String typeName) {
        return switch (typeName) {
            case "int", "long", "short", "byte", "char", "boolean", "float", "double" -> true;
            default -> false;
        };
    }
}
