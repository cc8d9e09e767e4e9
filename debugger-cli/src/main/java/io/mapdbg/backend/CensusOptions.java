package io.mapdbg.backend;

/** Options of a map census: class filter (null = all), list length, minimum size, and sort key. */
public record CensusOptions(String classFilter, int top, long minSize, Sort sort) {
    public enum Sort { SIZE, CAPACITY, COLLISIONS }

    /** Whether a class (binary name) passes the filter: exact binary name, simple name, or prefix*. */
    public boolean accepts(String className) {
        if (classFilter == null || classFilter.isBlank()) {
            return true;
        }
        if (classFilter.endsWith("*")) {
            return className.startsWith(classFilter.substring(0, classFilter.length() - 1));
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        // a nested class's simple name is what follows the last $ (LayoutFixture$FeeSchedule -> FeeSchedule)
        String nested = simple.substring(simple.lastIndexOf('$') + 1);
        return className.equals(classFilter) || simple.equals(classFilter) || nested.equals(classFilter)
                || simple.replace('$', '.').equals(classFilter) || className.replace('$', '.').equals(classFilter);
    }
}
