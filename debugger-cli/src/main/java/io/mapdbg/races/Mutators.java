package io.mapdbg.races;

import com.sun.jdi.ClassType;
import com.sun.jdi.Method;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mutators of the not-thread-safe java.util maps: the methods during which a second writer corrupts the
 * map. Only methods declared in the java.util classes of a map's hierarchy are watched (a subclass's own put
 * ends up in HashMap.put or putVal anyway).
 */
public final class Mutators {
    static final Set<String> DECLARING = Set.of("java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.IdentityHashMap", "java.util.WeakHashMap");

    /**
     * Every mutator: a writer is inside the map while one of these runs. Watched are only the ones a caller can
     * enter from outside ({@link #ENTRY_POINTS}); the others (putVal, resize, treeifyBin...) only ever run nested
     * inside an entry point, and each watched method costs every call of it in the JVM (a breakpoint with an
     * instance filter takes a safepoint per call).
     */
    static final Set<String> NAMES = Set.of("put", "putVal", "putAll", "putMapEntries", "putIfAbsent", "remove",
            "removeNode", "clear", "compute", "computeIfAbsent", "computeIfPresent", "merge", "replace", "replaceAll",
            "resize", "treeifyBin", "deleteEntry", "addEntry", "addEntryToEmptyMap", "closeDeletion",
            "pollFirstEntry", "pollLastEntry");

    /**
     * The mutators entered from outside the map's own mutators: removeNode (HashMap iterators, key and entry
     * views) and deleteEntry (TreeMap iterators) included, putVal, resize, treeifyBin, addEntry, closeDeletion
     * not (they run only inside these).
     */
    static final Set<String> ENTRY_POINTS = Set.of("put", "putAll", "putIfAbsent", "remove", "removeNode", "clear",
            "compute", "computeIfAbsent", "computeIfPresent", "merge", "replace", "replaceAll", "deleteEntry",
            "pollFirstEntry", "pollLastEntry");

    /** Methods whose key is their second argument ({@code putVal(int hash, K key, ...)}). */
    private static final Set<String> KEY_SECOND = Set.of("putVal", "removeNode");
    /** Methods that write no single key. */
    private static final Set<String> NO_KEY = Set.of("putAll", "putMapEntries", "clear", "replaceAll", "resize",
            "treeifyBin", "closeDeletion", "pollFirstEntry", "pollLastEntry");

    private Mutators() {
    }

    /** The entry points to break on for a map of this class: concrete methods of its java.util superclasses. */
    public static List<Method> of(ClassType type) {
        List<Method> out = new ArrayList<>();
        for (ClassType c = type; c != null; c = c.superclass()) {
            if (!DECLARING.contains(c.name())) {
                continue;
            }
            for (Method m : c.methods()) {
                if (ENTRY_POINTS.contains(m.name()) && !m.isAbstract() && !m.isNative() && !m.isStatic()) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** A watched mutator (an entry point): what exit events count when exits come from MethodExitRequests. */
    public static boolean isEntryPoint(Method m) {
        return !m.isStatic() && ENTRY_POINTS.contains(m.name()) && DECLARING.contains(m.declaringType().name());
    }

    public static boolean isMutator(Method m) {
        return !m.isStatic() && NAMES.contains(m.name()) && DECLARING.contains(m.declaringType().name());
    }

    /**
     * Which argument holds the key a mutator writes: -1 for none; -2 for TreeMap.deleteEntry (the key is the
     * entry's key field). Read with getArgumentValues(), so no local-variable table is needed.
     */
    public static int keyArgument(Method m) {
        String name = m.name();
        if (NO_KEY.contains(name) || m.argumentTypeNames().isEmpty()) {
            return -1;
        }
        if (name.equals("deleteEntry")) {
            return -2;
        }
        if (KEY_SECOND.contains(name)) {
            return 1;
        }
        String first = m.argumentTypeNames().get(0);
        return first.contains(".") || first.endsWith("[]") ? 0 : -1; // a reference type: the key
    }
}
