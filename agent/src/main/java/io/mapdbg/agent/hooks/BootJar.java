package io.mapdbg.agent.hooks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * Puts the hook classes ({@code io.mapdbg.agent.boot}) on the bootstrap class path, where java.util can see them:
 * a small jar written to a temp file readable by the user only, appended once per JVM and deleted as soon as its
 * classes are loaded (the JVM keeps its open copy; nothing stays in the temp folder). On JDK 9+ java.base is
 * made to read the bootstrap loader's unnamed module, which holds them.
 */
final class BootJar {
    static final String HOOK_CLASS = "io.mapdbg.agent.boot.MapHook";
    /** Every class of the boot package; a test checks the list against the compiled package. */
    static final String[] CLASSES = {
        "MapHook", "MapHook$1", "AllMarker", "AllMarker$1", "WriterCells", "HandedStack", "EventRing", "EventSink", "TracedWrite", "WriteFilter", "WriteFilter$1", "Callers", "Callers$1", "TraceTap", "WriterState", "Overlap", "OverlapLog", "SlotCounts", "OverlapStacks", "WriterSwitches", "WriterLocks", "WriterLocks$Held", "WriterSwitches$Pending",
    };

    /** MapHook's slow paths, kept out of the map methods' compiled code (see {@link OutOfLine}). */
    static final String[] SLOW_PATHS = {"enterSlow", "exitSlow"};

    private BootJar() {
    }

    static synchronized Class<?> append(Instrumentation inst) throws IOException {
        Class<?> hook = onBoot();
        if (hook == null) {
            File jar = write();
            try {
                JarFile opened = new JarFile(jar);
                try {
                    inst.appendToBootstrapClassLoaderSearch(opened); // the JVM opens the file itself, now
                } finally {
                    opened.close();
                }
                hook = onBoot();
                if (hook == null) {
                    throw new IllegalStateException("the hook classes did not load from the bootstrap class path");
                }
                loadAll();
            } finally {
                // every hook class is loaded and the JVM holds the file open: a killed JVM leaves no jar behind
                jar.delete();
            }
        }
        readsUnnamed(inst, hook);
        return hook;
    }

    private static Class<?> onBoot() {
        try {
            return Class.forName(HOOK_CLASS, true, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Loads (without initialising) every hook class, so that none is looked up in the jar after it is deleted. */
    private static void loadAll() {
        for (String name : CLASSES) {
            try {
                Class.forName("io.mapdbg.agent.boot." + name, false, null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("hook class " + name + " did not load from the bootstrap class path");
            }
        }
    }

    private static File write() throws IOException {
        File jar = File.createTempFile("mapdbg-hooks-", ".jar");
        jar.setReadable(false, false);
        jar.setReadable(true, true);
        OutputStream file = new FileOutputStream(jar);
        try {
            JarOutputStream out = new JarOutputStream(file);
            ClassLoader own = BootJar.class.getClassLoader();
            byte[] buffer = new byte[8192];
            for (String name : CLASSES) {
                String path = "io/mapdbg/agent/boot/" + name + ".class";
                InputStream in = own == null ? ClassLoader.getSystemResourceAsStream(path)
                        : own.getResourceAsStream(path);
                if (in == null) {
                    throw new IOException("hook class missing from the agent jar: " + path);
                }
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    for (int n; (n = in.read(buffer)) > 0;) {
                        bytes.write(buffer, 0, n);
                    }
                    byte[] cls = bytes.toByteArray();
                    if (name.equals("MapHook")) {
                        cls = OutOfLine.mark(cls, SLOW_PATHS);
                    }
                    out.putNextEntry(new ZipEntry(path));
                    out.write(cls);
                    out.closeEntry();
                } finally {
                    in.close();
                }
            }
            out.finish();
        } finally {
            file.close();
        }
        return jar;
    }

    /** JDK 9+: java.base reads the module of the hook classes (done through reflection: the agent targets 8). */
    private static void readsUnnamed(Instrumentation inst, Class<?> hook) {
        Method getModule;
        try {
            getModule = Class.class.getMethod("getModule");
        } catch (NoSuchMethodException e) {
            return; // JDK 8: no modules
        }
        try {
            Object javaBase = getModule.invoke(Object.class);
            Object hookModule = getModule.invoke(hook);
            Class<?> moduleClass = Class.forName("java.lang.Module");
            Method redefine = Instrumentation.class.getMethod("redefineModule", moduleClass, Set.class, Map.class,
                    Map.class, Set.class, Map.class);
            redefine.invoke(inst, javaBase, Collections.singleton(hookModule), Collections.emptyMap(),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        } catch (Exception e) {
            throw new IllegalStateException("cannot let java.base read the hook classes: " + e, e);
        }
    }
}
