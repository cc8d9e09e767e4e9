package io.mapdbg.expr;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names for a frame's arguments. The map write paths get their real names from this table, because the JDK may be
 * built without local-variable tables; other methods use the class's table when it has one, else arg0, arg1, ...
 */
public final class ArgumentNames {

    private static final Set<String> MAP_CLASSES = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.Hashtable", "java.util.IdentityHashMap", "java.util.WeakHashMap", "java.util.AbstractMap",
            "java.util.Map", "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentMap");

    /** "method/argument count" → names; the same shape in every map class that has the method. */
    private static final Map<String, List<String>> WRITE_PATHS = Map.ofEntries(
            Map.entry("putVal/5", List.of("hash", "key", "value", "onlyIfAbsent", "evict")), // HashMap
            Map.entry("putVal/3", List.of("key", "value", "onlyIfAbsent")), // ConcurrentHashMap
            Map.entry("removeNode/5", List.of("hash", "key", "value", "matchValue", "movable")), // HashMap
            Map.entry("replaceNode/3", List.of("key", "value", "cv")), // ConcurrentHashMap
            Map.entry("remove/1", List.of("key")),
            Map.entry("put/2", List.of("key", "value")),
            Map.entry("putIfAbsent/2", List.of("key", "value")),
            Map.entry("computeIfAbsent/2", List.of("key", "mappingFunction")),
            Map.entry("computeIfPresent/2", List.of("key", "remappingFunction")),
            Map.entry("compute/2", List.of("key", "remappingFunction")),
            Map.entry("merge/3", List.of("key", "value", "remappingFunction")));

    private ArgumentNames() {
    }

    /** The names of the method's count arguments, in order. */
    public static List<String> of(Method method, int count) {
        if (MAP_CLASSES.contains(method.declaringType().name())) {
            List<String> known = WRITE_PATHS.get(method.name() + "/" + count);
            if (known != null) {
                return known;
            }
        }
        List<String> names = new ArrayList<>(count);
        try {
            for (LocalVariable v : method.arguments()) {
                names.add(v.name());
            }
        } catch (AbsentInformationException e) {
            names.clear();
        }
        if (names.size() != count) {
            names.clear();
            for (int i = 0; i < count; i++) {
                names.add("arg" + i);
            }
        }
        return List.copyOf(names);
    }
}
