package io.mapdbg.agent;

import java.lang.ref.Reference;
import java.lang.reflect.Field;

/**
 * Leaves the JDK's own reflection cache of a class ({@code Class.reflectionData}, a soft reference to the class's
 * Field and Method objects) as the agent found it: a class the application never reflected on has none, and after
 * the agent read its fields it has none again, so that the thousands of Field objects a scan of every class creates
 * do not stay in the target's heap (and in the histogram an engineer is reading) after the agent is done. The JDK
 * rebuilds the cache when the application asks; it may drop it at any time itself (it is soft).
 *
 * <p>Where the field cannot be reached (another JVM, a closed module), nothing is done.
 */
final class ReflectionCaches {
    private static final Field REFLECTION_DATA = find();

    private ReflectionCaches() {
    }

    private static Field find() {
        try {
            ModuleAccess.open(Class.class);
            Field f = Class.class.getDeclaredField("reflectionData");
            if (!Reference.class.isAssignableFrom(f.getType())) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (Throwable e) {
            return null;
        }
    }

    /** Which of c and its superclasses have no reflection cache now (bit i: the i-th class up the chain, to 64). */
    static long uncached(Class<?> c) {
        if (REFLECTION_DATA == null) {
            return 0;
        }
        long bits = 0;
        int i = 0;
        for (Class<?> k = c; k != null && i < 64; k = k.getSuperclass(), i++) {
            if (empty(k)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    /** Drops the reflection cache of the classes up c's chain that had none before (uncached's answer). */
    static void restore(Class<?> c, long uncached) {
        if (REFLECTION_DATA == null || uncached == 0) {
            return;
        }
        int i = 0;
        for (Class<?> k = c; k != null && i < 64; k = k.getSuperclass(), i++) {
            if ((uncached & (1L << i)) != 0) {
                try {
                    REFLECTION_DATA.set(k, null);
                } catch (Throwable e) {
                    return;
                }
            }
        }
    }

    private static boolean empty(Class<?> k) {
        try {
            Reference<?> r = (Reference<?>) REFLECTION_DATA.get(k);
            return r == null || r.get() == null;
        } catch (Throwable e) {
            return false;
        }
    }
}
