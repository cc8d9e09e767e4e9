package io.mapdbg.races;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which maps a race watch applies to. The map families that are not thread-safe (HashMap and LinkedHashMap,
 * TreeMap, IdentityHashMap, WeakHashMap, and their subclasses) are watched; maps that lock or are built for
 * concurrency are never reported as racy.
 */
public final class MapSafety {
    /** Families whose mutators assume one writer at a time. */
    public static final List<String> RACY_FAMILIES = List.of("java.util.HashMap", "java.util.TreeMap",
            "java.util.IdentityHashMap", "java.util.WeakHashMap");

    private static final Set<String> THREAD_SAFE = Set.of("java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.Hashtable",
            "java.util.Collections$SynchronizedMap", "java.util.Collections$SynchronizedSortedMap",
            "java.util.Collections$SynchronizedNavigableMap");

    private MapSafety() {
    }

    /** Why a map with this class hierarchy (most derived first) is not watched; empty when it is. */
    public static Optional<String> notWatched(List<String> hierarchy) {
        for (String c : hierarchy) {
            if (THREAD_SAFE.contains(c)) {
                return Optional.of("thread-safe map (" + simple(c) + "): not watched");
            }
        }
        for (String c : hierarchy) {
            if (RACY_FAMILIES.contains(c)) {
                return Optional.empty();
            }
        }
        return Optional.of("not a map races watches (" + (hierarchy.isEmpty() ? "?" : hierarchy.get(0))
                + "): only HashMap, LinkedHashMap, TreeMap, IdentityHashMap, WeakHashMap and subclasses");
    }

    /**
     * The agent's view (a class name only): why a map of this class is not watched, when it is a thread-safe one.
     * Other classes are left to the hooks, which keep the writer marker only in the non-thread-safe families.
     */
    public static Optional<String> notWatchedByName(String className) {
        if (THREAD_SAFE.contains(className) || className.startsWith("java.util.concurrent.")) {
            return Optional.of("thread-safe map (" + simple(className) + "): not watched");
        }
        return Optional.empty();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
