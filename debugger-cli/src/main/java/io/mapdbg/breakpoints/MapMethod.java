package io.mapdbg.breakpoints;

/**
 * A map method we break in, and where its key and value arrive among its arguments (-1: not an argument).
 * Positions, not names: local-variable tables inside java.util may be missing, {@code getArgumentValues()} works.
 */
public record MapMethod(String className, String method, int keyArg, int valueArg, boolean grows) {
    static MapMethod write(String className, String method, int keyArg, int valueArg) {
        return new MapMethod(className, method, keyArg, valueArg, false);
    }

    static MapMethod grow(String className, String method) {
        return new MapMethod(className, method, -1, -1, true);
    }
}
