package io.mapdbg.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether a class is initialised, asked without initialising it: reading a static field of a class that is not
 * would run its static initialiser on the agent's thread, out of the application's order. Uses the JDK's
 * internal Unsafe (exported to the agent on 9+); where that is unavailable every class counts as not initialised.
 */
final class ClassInit {
    private static volatile Object unsafe;
    private static volatile Method shouldBeInitialized;

    private ClassInit() {
    }

    static void init(Instrumentation inst) {
        try {
            Class<?> internal = Class.forName("jdk.internal.misc.Unsafe");
            exportToAgent(inst, internal);
            Object u = internal.getMethod("getUnsafe").invoke(null);
            shouldBeInitialized = internal.getMethod("shouldBeInitialized", Class.class);
            unsafe = u;
            return;
        } catch (Throwable e) {
            // Java 8, or the export failed: try sun.misc.Unsafe
        }
        try {
            Class<?> legacy = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = legacy.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            shouldBeInitialized = legacy.getMethod("shouldBeInitialized", Class.class);
            unsafe = theUnsafe.get(null);
        } catch (Throwable e) {
            unsafe = null;
        }
    }

    /** True when the class's static initialiser has run (or is running on some thread). */
    static boolean initialized(Class<?> c) {
        Object u = unsafe;
        if (u == null) {
            return false;
        }
        try {
            return !(Boolean) shouldBeInitialized.invoke(u, c);
        } catch (Throwable e) {
            return false;
        }
    }

    private static void exportToAgent(Instrumentation inst, Class<?> internal) throws Exception {
        Method getModule = Class.class.getMethod("getModule");
        Object base = getModule.invoke(internal);
        Object mine = getModule.invoke(ClassInit.class);
        Class<?> moduleClass = Class.forName("java.lang.Module");
        Map<String, Set<Object>> exports = new HashMap<String, Set<Object>>();
        exports.put("jdk.internal.misc", new HashSet<Object>(Collections.singleton(mine)));
        Method redefine = Instrumentation.class.getMethod("redefineModule", moduleClass, Set.class, Map.class,
                Map.class, Set.class, Map.class);
        redefine.invoke(inst, base, Collections.emptySet(), exports, Collections.emptyMap(),
                Collections.emptySet(), Collections.emptyMap());
    }
}
