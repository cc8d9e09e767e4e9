package io.mapdbg.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Opens packages of named modules to the agent (JDK 9+), so that reflection reads HashMap.table and friends.
 * The agent is compiled for Java 8, where modules do not exist: everything goes through reflection, and on 8
 * nothing needs opening.
 */
public final class ModuleAccess {
    private static volatile Instrumentation instrumentation;
    /** Bumped whenever a package is opened to the agent: cached "not readable" answers are stale after it. */
    static volatile int opened;

    private ModuleAccess() {
    }

    static void init(Instrumentation inst) {
        instrumentation = inst;
        open(HashMap.class);
        open(java.util.concurrent.ConcurrentHashMap.class);
        open(java.util.concurrent.locks.ReentrantLock.class);
    }

    /** Opens the package of this class to the agent, if it is in a named module; false where that failed. */
    public static boolean open(Class<?> inModule) {
        Instrumentation inst = instrumentation;
        if (inst == null) {
            return false;
        }
        try {
            Method getModule = Class.class.getMethod("getModule");
            Object target = getModule.invoke(inModule);
            Object mine = getModule.invoke(ModuleAccess.class);
            Class<?> moduleClass = Class.forName("java.lang.Module");
            if (!(Boolean) moduleClass.getMethod("isNamed").invoke(target)) {
                return true;
            }
            String pkg = packageOf(inModule);
            if ((Boolean) moduleClass.getMethod("isOpen", String.class, moduleClass).invoke(target, pkg, mine)) {
                return true;
            }
            Map<String, Set<Object>> opens = new HashMap<String, Set<Object>>();
            opens.put(pkg, new HashSet<Object>(Collections.singleton(mine)));
            Method redefine = Instrumentation.class.getMethod("redefineModule", moduleClass, Set.class, Map.class,
                    Map.class, Set.class, Map.class);
            redefine.invoke(inst, target, Collections.emptySet(), Collections.emptyMap(), opens,
                    Collections.emptySet(), Collections.emptyMap());
            opened++;
            return true;
        } catch (NoSuchMethodException e) {
            return true; // Java 8: no modules, reflection needs only setAccessible
        } catch (Throwable e) {
            return false;
        }
    }

    private static String packageOf(Class<?> c) {
        String name = c.getName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
