package io.mapdbg.agent.hooks;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Marks the hooks' slow paths {@code DontInline} for the JIT, in the bytes of the hook class written to the boot jar.
 * The fast checks ({@code MapHook.enter}/{@code exit}) are inlined into every hooked map method; without this the
 * JIT also inlines the slow paths behind them once they have run (races --all runs them on every write while its
 * marker is on), which makes the compiled {@code HashMap.put}/{@code putVal} several times bigger; past the JIT's
 * "already compiled into a big method" size they stop being inlined into their callers, and every put pays a call.
 * <p>
 * The VM honours these annotations only in classes of the boot (and platform) loader, which is where the hook
 * classes live. Both names are added: {@code java.lang.invoke.DontInline} (JDK 8) and
 * {@code jdk.internal.vm.annotation.DontInline} (9+); a VM ignores the one it does not know, and reflection skips
 * annotation types it cannot find.
 */
final class OutOfLine {
    static final String[] DONT_INLINE = {"Ljava/lang/invoke/DontInline;", "Ljdk/internal/vm/annotation/DontInline;"};

    private OutOfLine() {
    }

    /** The class bytes with methods (by name) annotated DontInline. */
    static byte[] mark(byte[] original, String... methods) {
        final Set<String> names = new HashSet<String>(Arrays.asList(methods));
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(0); // not (reader, 0): that copies unchanged methods whole, annotations dropped
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                if (names.contains(name)) {
                    for (String annotation : DONT_INLINE) {
                        mv.visitAnnotation(annotation, true).visitEnd();
                    }
                }
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }
}
