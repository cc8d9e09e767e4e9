package io.mapdbg.backend;

/** What a backend can do beyond what every backend offers (maps, buckets, threads, blocked, races). */
public enum Feature {
    /** Every map instance in the heap (JDWP); the agent lists the maps that static fields reach. */
    HEAP_CENSUS,
    /** Holding the whole target still for a consistent walk or thread dump (JDWP). */
    SUSPEND,
    /** Stopped threads, frames, expressions and suspending breakpoints (JDWP). */
    BREAKPOINTS,
    /** Hooks in the map classes' write paths, costing other maps almost nothing (the agent). */
    WRITE_HOOKS
}
