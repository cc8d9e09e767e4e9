package io.mapdbg.session;

import com.sun.jdi.ArrayType;
import com.sun.jdi.ClassNotPreparedException;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.Value;
import io.mapdbg.inspect.HeapObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Static paths ({@code com.acme.Orders.BY_ID.inner}) to objects, and back from objects to the statics that hold them. */
final class StaticPaths {

    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    /** Application holders first, then the shorter path, then alphabetical: a stable, readable choice. */
    static final Comparator<String> PREFERRED = Comparator.<String, Boolean>comparing(StaticPaths::isJdk)
            .thenComparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final Session session;

    StaticPaths(Session session) {
        this.session = session;
    }

    HeapObject resolve(String path) {
        String[] parts = path == null ? new String[0] : path.strip().split("\\.", -1);
        if (parts.length < 2 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw TargetException.usage("not a static path: '" + path + "' (expected com.acme.Cls.FIELD[.field...])");
        }
        for (int classParts = parts.length - 1; classParts >= 1; classParts--) {
            Optional<ReferenceType> type = loadedClass(parts, classParts);
            if (type.isPresent()) {
                return follow(type.get(), parts, classParts);
            }
        }
        throw new TargetException("no loaded class in '" + path + "'");
    }

    /** The class named by the first n parts, trying '$' for nested classes: a.b.Outer.Inner → a.b.Outer$Inner. */
    private Optional<ReferenceType> loadedClass(String[] parts, int n) {
        for (int nested = 0; nested < n; nested++) {
            String outer = String.join(".", Arrays.copyOfRange(parts, 0, n - nested));
            String inner = nested == 0 ? "" : "$" + String.join("$", Arrays.copyOfRange(parts, n - nested, n));
            List<ReferenceType> found = session.mirrors().fieldIndex().classes(outer + inner);
            Optional<ReferenceType> prepared = found.stream().filter(ReferenceType::isPrepared).findFirst();
            if (prepared.isPresent()) {
                return prepared;
            }
        }
        return Optional.empty();
    }

    private HeapObject follow(ReferenceType type, String[] parts, int classParts) {
        String className = displayName(type.name());
        Field staticField = session.mirrors().fieldIndex().field(type, parts[classParts]).filter(Field::isStatic).orElseThrow(
                () -> new TargetException("class " + className + " has no static field " + parts[classParts]));
        Value value = type.getValue(staticField);
        String sofar = className + "." + staticField.name();
        for (int i = classParts + 1; ; i++) {
            if (value == null) {
                throw new TargetException(sofar + " is null");
            }
            if (value instanceof PrimitiveValue p) {
                throw new TargetException(sofar + " is a " + p.type().name() + ", not an object");
            }
            ObjectReference object = (ObjectReference) value;
            if (i == parts.length) {
                return session.mirror(object);
            }
            ReferenceType own = object.referenceType();
            String name = parts[i];
            Field f = session.mirrors().fieldIndex().field(own, name).orElseThrow(
                    () -> new TargetException("field " + name + " not found in " + own.name()));
            value = f.isStatic() ? own.getValue(f) : object.getValue(f);
            sofar = sofar + "." + name;
        }
    }

    /**
     * Whether the object at path is fixed for the life of its class: the class is loaded once, its static field
     * and every field after it are final. (A final field could be changed by reflection or Unsafe; the JIT trusts
     * static finals not to be, and so do we.)
     */
    boolean isFinal(String path) {
        String[] parts = path == null ? new String[0] : path.strip().split("\\.", -1);
        if (parts.length < 2 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return false;
        }
        for (int classParts = parts.length - 1; classParts >= 1; classParts--) {
            Optional<ReferenceType> type = loadedClass(parts, classParts);
            if (type.isEmpty()) {
                continue;
            }
            ReferenceType t = type.get();
            if (session.mirrors().fieldIndex().classes(t.name()).size() != 1) {
                return false; // two classes of that name (two loaders): which one held it then is unknown
            }
            Optional<Field> f = session.mirrors().fieldIndex().field(t, parts[classParts]);
            if (f.isEmpty() || !f.get().isStatic() || !f.get().isFinal()) {
                return false;
            }
            Value value = t.getValue(f.get());
            for (int i = classParts + 1; i < parts.length; i++) {
                if (!(value instanceof ObjectReference object)) {
                    return false;
                }
                Optional<Field> next = session.mirrors().fieldIndex().field(object.referenceType(), parts[i]);
                if (next.isEmpty() || !next.get().isFinal()) {
                    return false;
                }
                value = next.get().isStatic() ? object.referenceType().getValue(next.get()) : object.getValue(next.get());
            }
            return true;
        }
        return false;
    }

    Map<Long, String> holders(Set<Long> ids) {
        Map<Long, String> best = new HashMap<>();
        if (ids.isEmpty()) {
            return best;
        }
        for (ReferenceType type : session.vm().allClasses()) {
            if (type instanceof ArrayType || !type.isPrepared() || type.name().indexOf('/') >= 0) {
                continue; // arrays have no statics; hidden classes cannot be named in a path
            }
            List<Field> statics = new ArrayList<>();
            Map<Field, Value> values;
            try {
                for (Field f : type.fields()) {
                    String sig = f.signature();
                    if (f.isStatic() && (sig.startsWith("L") || sig.startsWith("["))) {
                        statics.add(f);
                    }
                }
                if (statics.isEmpty()) {
                    continue;
                }
                values = type.getValues(statics);
            } catch (ClassNotPreparedException | ObjectCollectedException e) {
                continue; // unloaded while we scanned: it holds nothing any more
            }
            for (Map.Entry<Field, Value> e : values.entrySet()) {
                if (e.getValue() instanceof ObjectReference o && ids.contains(o.uniqueID())) {
                    String path = displayName(type.name()) + "." + e.getKey().name();
                    best.merge(o.uniqueID(), path, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        return best;
    }

    /**
     * Binary name as users write it: {@code com.acme.Outer$Inner} → {@code com.acme.Outer.Inner}. Names where that
     * would not read back ({@code Foo$$Lambda}, a trailing '$') keep their '$'; {@link #resolve} accepts both.
     */
    static String displayName(String binaryName) {
        if (binaryName.contains("$$") || binaryName.endsWith("$") || binaryName.contains(".$") || binaryName.startsWith("$")) {
            return binaryName;
        }
        return binaryName.replace('$', '.');
    }

    private static boolean isJdk(String path) {
        return JDK_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
