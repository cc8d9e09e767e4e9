package io.mapdbg.breakpoints;

/**
 * What a mapassign hit did, named the same way on both paths ({@code op} of a hit): {@code put} (put, putIfAbsent,
 * putAll, replace: a value written), {@code remove}, {@code clear}, or {@code compute} (compute, computeIfAbsent,
 * computeIfPresent, merge: these run a function and may only have read). Known from the method entered and its
 * arguments, before it ran: a put of an existing mapping still says put.
 */
public final class MapOps {
    public static final String PUT = "put";
    public static final String REMOVE = "remove";
    public static final String CLEAR = "clear";
    public static final String COMPUTE = "compute";

    private MapOps() {
    }

    /** The op of a hit in location (java.util.HashMap.putVal); valueNull: the hit's value argument is null. */
    public static String of(String location, boolean valueNull) {
        String method = location.substring(location.lastIndexOf('.') + 1);
        switch (method) {
            case "clear":
                return CLEAR;
            case "remove", "removeNode", "pollFirstEntry", "pollLastEntry", "deleteEntry", "closeDeletion":
                return REMOVE;
            case "replaceNode": // ConcurrentHashMap's remove (no value) and replace
                return valueNull ? REMOVE : PUT;
            case "compute", "computeIfAbsent", "computeIfPresent", "merge":
                return COMPUTE;
            default:
                return PUT;
        }
    }

    /** True for the ops {@code --writes-only} keeps: those that write whenever they run. */
    public static boolean writes(String op) {
        return !COMPUTE.equals(op);
    }
}
