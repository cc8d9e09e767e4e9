package io.mapdbg.session;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.ArrayType;
import com.sun.jdi.ClassObjectReference;
import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import io.mapdbg.inspect.HeapObject;
import io.mapdbg.layouts.PreviewText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link HeapObject} over a JDI mirror; every remote call is bounded and translated by its {@link Session}. */
public final class JdiHeapObject implements HeapObject {

    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double");

    private final Session session;
    private final ObjectReference ref;
    private final long displayId;
    private final String staticType; // the declared type it was read as: the JVM guarantees it is one
    private volatile ReferenceType type; // asked once per mirror: it costs a round trip
    private volatile Map<String, Map<String, Object>> prefetched; // read(...) answers taken ahead, used once

    JdiHeapObject(Session session, ObjectReference ref, long displayId, String staticType) {
        this.session = session;
        this.ref = ref;
        this.displayId = displayId;
        this.staticType = staticType;
    }

    /** The JDI mirror, for code in the session layer and above that needs JDI itself (threads, monitors). */
    public ObjectReference reference() {
        return ref;
    }

    /** The id users see: the uniqueID of this connection, or the id a user typed when found through the locator cache. */
    @Override
    public long id() {
        return displayId;
    }

    ReferenceType type() {
        ReferenceType t = type;
        if (t == null) {
            t = session.call("reading the class of @" + displayId, ref::referenceType);
            type = t;
        }
        return t;
    }

    @Override
    public String className() {
        return type().name();
    }

    @Override
    public List<String> classHierarchy() {
        return session.mirrors().hierarchy(type());
    }

    @Override
    public Map<String, Object> read(String declaringClass, String... fields) {
        Map<String, Map<String, Object>> ahead = prefetched;
        if (ahead != null) {
            Map<String, Object> answer = ahead.remove(key(declaringClass, fields));
            if (answer != null) {
                return answer;
            }
        }
        List<Field> found = session.mirrors().fieldIndex().fields(declaringClass, fields, this);
        if (found.isEmpty()) {
            return Map.of();
        }
        Map<Field, Value> values = session.call("reading " + declaringClass + " fields of @" + displayId, () -> {
            if (knownToBe(declaringClass) && JdwpPipeline.instanceFieldsOnly(found)) {
                JdwpPipeline.Request request = new JdwpPipeline.Request(ref, found);
                JdwpPipeline.readAll(session.vm(), List.of(request));
                if (request.values != null) {
                    return request.values;
                }
            }
            return ref.getValues(found);
        });
        return convert(found, values);
    }

    private Map<String, Object> convert(List<Field> found, Map<Field, Value> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Field f : found) {
            result.put(f.name(), session.mirrors().toJava(values.get(f), session.mirrors().typeName(f)));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Whether this object is surely an instance of the class, without asking the target: from its class if
     * already known, else from the declared type it was read as. Only then may fields go out unchecked.
     */
    boolean knownToBe(String declaringClass) {
        if (!JdwpPipeline.available()) {
            return false;
        }
        if (type != null) {
            return session.mirrors().hierarchy(type).contains(declaringClass);
        }
        return staticType != null && session.mirrors().declaredHierarchy(staticType).contains(declaringClass);
    }

    @Override
    public List<Map<String, Object>> prefetch(List<? extends HeapObject> objects, String declaringClass, String... fields) {
        if (!JdwpPipeline.available()) {
            return null;
        }
        List<Map<String, Object>> read = new ArrayList<>(Collections.nCopies(objects.size(), null));
        List<Integer> positions = new ArrayList<>(objects.size());
        List<JdwpPipeline.Request> requests = new ArrayList<>(objects.size());
        List<JdiHeapObject> owners = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) instanceof JdiHeapObject j && j.knownToBe(declaringClass)) {
                List<Field> found = session.mirrors().fieldIndex().fields(declaringClass, fields, j);
                if (!found.isEmpty() && JdwpPipeline.instanceFieldsOnly(found)) {
                    requests.add(new JdwpPipeline.Request(j.ref, found));
                    owners.add(j);
                    positions.add(i);
                }
            }
        }
        session.call("reading " + requests.size() + " objects", () -> {
            JdwpPipeline.readAll(session.vm(), requests);
            return null;
        });
        String key = key(declaringClass, fields);
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).values != null) {
                Map<String, Object> values = convert(requests.get(i).fields, requests.get(i).values);
                owners.get(i).remember(key, values);
                read.set(positions.get(i), values);
            }
        }
        return read;
    }

    @Override
    public void prefetchClassNames(List<? extends HeapObject> objects) {
        if (!JdwpPipeline.available()) {
            return;
        }
        List<ObjectReference> unknown = new ArrayList<>();
        for (HeapObject o : objects) {
            if (o instanceof JdiHeapObject j && j.type == null) {
                unknown.add(j.ref);
            }
        }
        session.call("reading the classes of " + unknown.size() + " objects", () -> {
            JdwpPipeline.learnTypes(session.vm(), unknown);
            return null;
        });
    }

    private synchronized void remember(String key, Map<String, Object> values) {
        if (prefetched == null) {
            prefetched = new java.util.concurrent.ConcurrentHashMap<>(4);
        }
        prefetched.put(key, values);
    }

    private static String key(String declaringClass, String[] fields) {
        return declaringClass + "#" + String.join(",", fields);
    }

    @Override
    public int arrayLength() {
        return session.call("reading an array length", () -> array().length());
    }

    @Override
    public List<Object> arrayRange(int from, int count) {
        ArrayReference array = array();
        String component = ((ArrayType) type()).componentTypeName();
        List<Object> out = new ArrayList<>(count);
        for (ArrayChunks.Chunk c : ArrayChunks.split(from, count)) {
            for (Value v : session.mirrors().readArrayChunk(array, c)) {
                out.add(session.mirrors().toJava(v, component));
            }
        }
        return out;
    }

    private ArrayReference array() {
        if (ref instanceof ArrayReference a) {
            return a;
        }
        throw new IllegalStateException("@" + displayId + " is not an array but a " + className());
    }

    @Override
    public String preview(int maxChars) {
        return PreviewText.cut(session.call("previewing @" + displayId, this::fullPreview), maxChars);
    }

    /** The JDWP reads behind a preview; the words are {@link PreviewText}'s, as in the agent. */
    private String fullPreview() {
        if (ref instanceof StringReference s) {
            return PreviewText.quote(s.value());
        }
        if (ref instanceof ArrayReference a) {
            String component = ((ArrayType) type()).componentTypeName();
            int dims = 0;
            while (component.endsWith("[]")) {
                component = component.substring(0, component.length() - 2);
                dims++;
            }
            return PreviewText.array(component, a.length(), dims);
        }
        if (ref instanceof ClassObjectReference c) {
            return c.reflectedType().name();
        }
        String name = className();
        if (BOXES.contains(name)) {
            Object v = read(name, "value").get("value");
            return v instanceof Character ch ? PreviewText.character(ch) : String.valueOf(v);
        }
        if (classHierarchy().contains("java.lang.Enum") && read("java.lang.Enum", "name").get("name") instanceof JdiHeapObject n
                && n.ref instanceof StringReference s) {
            return s.value();
        }
        if (name.equals("java.math.BigDecimal")) {
            String decimal = bigDecimal();
            if (decimal != null) {
                return decimal;
            }
        }
        return fieldsPreview(name);
    }

    /** A few instance fields in one request, so a key reads as OrderKey{merchant="acme", seq=17} rather than OrderKey@615. */
    private String fieldsPreview(String name) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type().allFields()) {
            if (!f.isStatic() && !f.isSynthetic() && fields.size() < PreviewText.FIELDS) {
                fields.add(f);
            }
        }
        if (fields.isEmpty()) {
            return PreviewText.identity(name, displayId);
        }
        Map<Field, Value> values = ref.getValues(fields);
        PreviewText.FieldList out = new PreviewText.FieldList(name);
        for (Field f : fields) {
            Value v = values.get(f);
            if (v == null) {
                out.nullField(f.name());
            } else if (v instanceof StringReference str) {
                out.string(f.name(), str.value());
            } else if (v instanceof ObjectReference o) {
                out.object(f.name(), o.referenceType().name(), o.uniqueID());
            } else {
                out.primitive(f.name(), v);
            }
        }
        return out.text();
    }

    /** BigDecimal from its compact form (unscaled long and scale) when it has one; null otherwise. */
    private String bigDecimal() {
        Map<String, Object> f = read("java.math.BigDecimal", "intCompact", "scale");
        if (f.get("intCompact") instanceof Long compact && compact != Long.MIN_VALUE && f.get("scale") instanceof Integer scale) {
            return java.math.BigDecimal.valueOf(compact, scale).toPlainString();
        }
        return null;
    }

    @Override
    public boolean heapMayContain(String className) {
        return session.heapMayContain(className);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JdiHeapObject other && other.ref.equals(ref) && other.displayId == displayId;
    }

    @Override
    public int hashCode() {
        return ref.hashCode() * 31 + Long.hashCode(displayId);
    }

    @Override
    public String toString() {
        return "@" + displayId;
    }
}
