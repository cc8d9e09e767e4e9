package io.mapdbg.agent.boot;

/**
 * One thread's view of the hooks: the re-entry guard, and the maps whose mutators it is inside (nested calls of
 * one map count as one), each with the key it came in with. Read racily by other threads to spot an overlap.
 */
final class WriterState {
    private static final int DEPTH = 8;

    final Thread thread;
    /** One of the agent's own threads (named mapdbg-...): the every-map trace leaves its writes out. */
    final boolean agent;
    boolean busy;
    private final Object[] maps = new Object[DEPTH];
    private final Object[] keys = new Object[DEPTH];
    private final int[] depths = new int[DEPTH];
    private final int[] generations = new int[DEPTH];

    WriterState(Thread thread) {
        this.thread = thread;
        String name = thread.getName();
        this.agent = name != null && name.startsWith("mapdbg-");
    }

    /** Enters a mutator of map; returns the nesting depth now (1 = outermost), or 0 when it cannot track it. */
    int push(Object map, Object key, int generation) {
        int free = -1;
        for (int i = 0; i < DEPTH; i++) {
            Object m = maps[i];
            if (m != null && generations[i] != generation) {
                clear(i); // left over from before a clear or unwatch: its exit never came
                m = null;
            }
            if (m == map) {
                return ++depths[i];
            }
            if (m == null && free < 0) {
                free = i;
            }
        }
        if (free < 0) {
            return 0;
        }
        keys[free] = key;
        depths[free] = 1;
        generations[free] = generation;
        maps[free] = map;
        return 1;
    }

    /** Leaves a mutator of map; returns the depth left (0 = outside now), or -1 when it was not tracked. */
    int pop(Object map, int generation) {
        for (int i = 0; i < DEPTH; i++) {
            if (maps[i] == map && generations[i] == generation) {
                int d = --depths[i];
                if (d <= 0) {
                    clear(i);
                    return 0;
                }
                return d;
            }
        }
        return -1;
    }

    boolean inside(Object map, int generation) {
        for (int i = 0; i < DEPTH; i++) {
            if (maps[i] == map && generations[i] == generation && depths[i] > 0) {
                return true;
            }
        }
        return false;
    }

    Object keyIn(Object map) {
        for (int i = 0; i < DEPTH; i++) {
            if (maps[i] == map) {
                return keys[i];
            }
        }
        return null;
    }

    private void clear(int i) {
        maps[i] = null;
        keys[i] = null;
        depths[i] = 0;
    }
}
