package io.mapdbg.agent.hooks;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Weaves the hooks into the map classes whose bit is set, on retransformation only; any other class, or a class
 * whose bit is clear, gets its original bytes back (returning null from a retransform restores them).
 * Exceptions thrown from transform() would vanish silently in the JVM: they are caught and kept here.
 */
final class HookTransformer implements ClassFileTransformer {
    private static final int MAX_ERRORS = 16;

    private volatile int activeClasses;
    private volatile WeaveMode mode = new WeaveMode(true, false, false, false);
    private final int[] wovenSites = new int[HookSites.CLASSES.length];
    private final List<String> errors = new ArrayList<String>();

    void activeClasses(int mask, WeaveMode weaveMode) {
        activeClasses = mask;
        mode = weaveMode;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined == null || loader != null || className == null) {
            return null;
        }
        int index = HookSites.classIndex(className);
        if (index < 0) {
            return null;
        }
        try {
            if ((activeClasses & (1 << index)) == 0) {
                wovenSites[index] = 0;
                return null;
            }
            HookWeaver.Result woven = HookWeaver.weave(classfileBuffer, mode);
            wovenSites[index] = woven.woven.size();
            return woven.bytes;
        } catch (Throwable t) {
            error(className + ": " + t);
            return null;
        }
    }

    synchronized void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    synchronized List<String> errors() {
        return new ArrayList<String>(errors);
    }

    /** Sites woven into each class by its last retransformation (0 when it has its original bytes). */
    int wovenSites(int classIndex) {
        return wovenSites[classIndex];
    }
}
