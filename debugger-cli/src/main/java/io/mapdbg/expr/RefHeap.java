package io.mapdbg.expr;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.Value;
import io.mapdbg.layouts.Fields;
import io.mapdbg.layouts.Heap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared layouts' heap over plain JDI references, for the helpers' few reads of one map (its layout, wrappers,
 * size, table): the layout rules come from io.mapdbg.layouts, not from here. A field this JDK lacks fails with
 * IllegalStateException, which the helpers report at the expression's column.
 */
final class RefHeap implements Heap<ObjectReference> {

    @Override
    public Fields<ObjectReference> fields(String declaringClass, String... names) {
        return new Fields<>() {
            private ObjectReference current;

            @Override
            public void at(ObjectReference object) {
                current = object;
            }

            @Override
            public ObjectReference ref(int field) {
                Object v = value(field);
                if (v == null || v instanceof ObjectReference) {
                    return (ObjectReference) v;
                }
                throw new IllegalStateException("field " + names[field] + " of " + declaringClass + " is no reference");
            }

            @Override
            public int intValue(int field) {
                return (int) longValue(field);
            }

            @Override
            public long longValue(int field) {
                if (read(field) instanceof Number n) {
                    return n.longValue();
                }
                throw new IllegalStateException("no field " + names[field] + " in " + declaringClass
                        + " of this JDK: cannot read it");
            }

            @Override
            public Object value(int field) {
                return read(field);
            }

            private Object read(int field) {
                Field f = Values.field(current, declaringClass, names[field]);
                if (f == null) {
                    throw new IllegalStateException("no field " + names[field] + " in " + declaringClass
                            + " of this JDK: cannot read it");
                }
                return Values.read(current, f);
            }
        };
    }

    @Override
    public int length(ObjectReference array) {
        return ((ArrayReference) array).length();
    }

    @Override
    public void copy(ObjectReference array, int from, int count, Object[] into) {
        List<Value> values = ((ArrayReference) array).getValues(from, count);
        for (int i = 0; i < count; i++) {
            into[i] = values.get(i);
        }
    }

    @Override
    public String className(ObjectReference object) {
        return object.referenceType().name();
    }

    @Override
    public List<String> classHierarchy(ObjectReference object) {
        List<String> names = new ArrayList<>();
        ReferenceType type = object.referenceType();
        names.add(type.name());
        for (ClassType c = type instanceof ClassType ct ? ct.superclass() : null; c != null; c = c.superclass()) {
            names.add(c.name());
        }
        return names;
    }

    @Override
    public long id(ObjectReference object) {
        return object.uniqueID();
    }

    @Override
    public boolean same(ObjectReference a, ObjectReference b) {
        return a.uniqueID() == b.uniqueID();
    }

    @Override
    public <V> Map<ObjectReference, V> identityMap() {
        return new TreeMap<>(Comparator.comparingLong(ObjectReference::uniqueID));
    }

    @Override
    public String preview(ObjectReference value, int maxChars) {
        return value.referenceType().name() + "@" + value.uniqueID();
    }
}
