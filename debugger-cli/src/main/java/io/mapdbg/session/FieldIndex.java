package io.mapdbg.session;

import com.sun.jdi.ClassNotPreparedException;
import com.sun.jdi.Field;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Field lookups by class name, cached for the session so a walk of a million nodes asks for each class once. */
final class FieldIndex {

    private final Session session;
    private final Map<String, List<ReferenceType>> classes = new ConcurrentHashMap<>();
    private final Map<ReferenceType, Map<String, Optional<Field>>> fields = new ConcurrentHashMap<>();

    FieldIndex(Session session) {
        this.session = session;
    }

    /** Loaded classes of that name; an unloaded class is asked again next time (it may load later). */
    List<ReferenceType> classes(String name) {
        List<ReferenceType> known = classes.get(name);
        if (known != null) {
            return known;
        }
        VirtualMachine vm = session.vm();
        List<ReferenceType> found = session.call("looking up class " + name, () -> List.copyOf(vm.classesByName(name)));
        if (!found.isEmpty()) {
            classes.put(name, found);
        }
        return found;
    }

    /** The fields of declaringClass (declared or inherited) that exist, in the order asked. */
    List<Field> fields(String declaringClass, String[] names, JdiHeapObject owner) {
        List<ReferenceType> candidates = classes(declaringClass);
        if (candidates.isEmpty()) {
            return List.of();
        }
        ReferenceType type = candidates.size() == 1 ? candidates.get(0) : pick(candidates, owner);
        List<Field> out = new ArrayList<>(names.length);
        for (String n : names) {
            field(type, n).ifPresent(out::add);
        }
        return out;
    }

    Optional<Field> field(ReferenceType type, String name) {
        Map<String, Optional<Field>> byName = fields.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        Optional<Field> f = byName.get(name);
        if (f == null) {
            f = session.call("looking up field " + name, () -> {
                try {
                    return Optional.ofNullable(type.fieldByName(name));
                } catch (ClassNotPreparedException e) {
                    return Optional.<Field>empty();
                }
            });
            byName.put(name, f);
        }
        return f;
    }

    /** Several loaders define the class: only then it is worth asking the object for its own class. */
    private static ReferenceType pick(List<ReferenceType> candidates, JdiHeapObject owner) {
        ReferenceType own = owner.type();
        for (ReferenceType c : candidates) {
            if (Objects.equals(c.classLoader(), own.classLoader())) {
                return c;
            }
        }
        return candidates.get(0);
    }
}
