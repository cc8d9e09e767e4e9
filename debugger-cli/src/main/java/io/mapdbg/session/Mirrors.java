package io.mapdbg.session;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.BooleanValue;
import com.sun.jdi.ByteValue;
import com.sun.jdi.CharValue;
import com.sun.jdi.ClassType;
import com.sun.jdi.DoubleValue;
import com.sun.jdi.FloatValue;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.InterfaceType;
import com.sun.jdi.LongValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ShortValue;
import com.sun.jdi.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the mirrors of one session share: field lookups, class hierarchies, chunked array reads, value conversion. */
final class Mirrors {
    private final Session session;
    private final ObjectIds ids;
    private final FieldIndex fieldIndex;
    private final Map<ReferenceType, List<String>> hierarchies = new ConcurrentHashMap<>();
    private final Map<String, List<String>> declaredHierarchies = new ConcurrentHashMap<>();
    private final Map<com.sun.jdi.Field, String> fieldTypes = new ConcurrentHashMap<>();
    private volatile int largestArrayRead; // kept so tests can prove no read was larger than a chunk

    Mirrors(Session session, ObjectIds ids) {
        this.session = session;
        this.ids = ids;
        this.fieldIndex = new FieldIndex(session);
    }

    FieldIndex fieldIndex() {
        return fieldIndex;
    }

    /** The superclass chain of a declared type named by a field or array (empty when not one loaded class). */
    List<String> declaredHierarchy(String typeName) {
        return declaredHierarchies.computeIfAbsent(typeName, n -> {
            List<ReferenceType> candidates = fieldIndex.classes(n);
            return candidates.size() == 1 ? hierarchy(candidates.get(0)) : List.of();
        });
    }

    List<String> hierarchy(ReferenceType type) {
        return hierarchies.computeIfAbsent(type, t -> session.call("reading the superclasses of " + t.name(), () -> {
            List<String> names = new ArrayList<>();
            if (t instanceof ClassType c) {
                for (ClassType k = c; k != null; k = k.superclass()) {
                    names.add(k.name());
                }
            } else {
                names.add(t.name());
                if (!(t instanceof InterfaceType)) {
                    names.add("java.lang.Object"); // arrays
                }
            }
            return List.copyOf(names);
        }));
    }

    List<Value> readArrayChunk(ArrayReference array, ArrayChunks.Chunk chunk) {
        if (chunk.count() > ArrayChunks.MAX_CHUNK) {
            throw new IllegalArgumentException("array read of " + chunk.count() + " elements: over the safe chunk");
        }
        largestArrayRead = Math.max(largestArrayRead, chunk.count());
        return session.call("reading an array", () -> array.getValues(chunk.from(), chunk.count()));
    }

    int largestArrayRead() {
        return largestArrayRead;
    }

    Object toJava(Value v) {
        return toJava(v, null);
    }

    /** staticType: the declared type the value was read as (a field's or an array's component type). */
    Object toJava(Value v, String staticType) {
        if (v == null) {
            return null;
        }
        if (v instanceof ObjectReference o) {
            return ids.mirror(o, staticType);
        }
        if (v instanceof IntegerValue i) {
            return i.value();
        }
        if (v instanceof LongValue l) {
            return l.value();
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        if (v instanceof ByteValue b) {
            return b.value();
        }
        if (v instanceof ShortValue s) {
            return s.value();
        }
        if (v instanceof CharValue c) {
            return c.value();
        }
        if (v instanceof FloatValue f) {
            return f.value();
        }
        if (v instanceof DoubleValue d) {
            return d.value();
        }
        throw new IllegalArgumentException("unexpected JDI value " + v.type().name());
    }

    /** A field's declared type name; JDI parses the signature on every call, and walks ask once per node. */
    String typeName(com.sun.jdi.Field f) {
        return fieldTypes.computeIfAbsent(f, com.sun.jdi.Field::typeName);
    }
}
