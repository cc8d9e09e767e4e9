package io.mapdbg.agent.hooks;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class BootJarTest {
    /** A boot class missing from the jar would load through the agent's loader, where java.util cannot see it. */
    @Test
    void theBootJarListsEveryClassOfTheBootPackage() throws Exception {
        Path classes = Path.of(Hooks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String[] files = classes.resolve("io/mapdbg/agent/boot").toFile().list((d, n) -> n.endsWith(".class"));
        TreeSet<String> compiled = new TreeSet<>();
        for (String f : files) {
            compiled.add(f.substring(0, f.length() - ".class".length()));
        }
        assertThat(new TreeSet<>(Arrays.asList(BootJar.CLASSES))).isEqualTo(compiled);
        assertThat(new File(classes.toFile(), "io/mapdbg/agent/boot/MapHook.class")).exists();
    }

    /** The slow paths carry DontInline (both JDKs' names); the fast checks do not, and the class still loads. */
    @Test
    void theSlowPathsAreMarkedDontInlineAndNothingElse() throws Exception {
        byte[] original;
        try (java.io.InputStream in = Hooks.class.getResourceAsStream("/io/mapdbg/agent/boot/MapHook.class")) {
            original = in.readAllBytes();
        }
        byte[] marked = OutOfLine.mark(original, BootJar.SLOW_PATHS);
        java.util.Map<String, java.util.List<String>> annotations = new java.util.TreeMap<>();
        new org.objectweb.asm.ClassReader(marked).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String desc, String sig,
                    String[] exceptions) {
                return new org.objectweb.asm.MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public org.objectweb.asm.AnnotationVisitor visitAnnotation(String type, boolean visible) {
                        annotations.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(type);
                        return null;
                    }
                };
            }
        }, 0);
        assertThat(annotations).containsOnlyKeys("enterSlow", "exitSlow");
        assertThat(annotations.get("enterSlow")).containsExactly(OutOfLine.DONT_INLINE);
        Class<?> loaded = new ClassLoader(BootJarTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("io.mapdbg.agent.boot.MapHook", marked, 0, marked.length);
            }
        }.define();
        assertThat(loaded.getDeclaredMethods()).isNotEmpty(); // unknown annotation types do not break reflection
    }
}
