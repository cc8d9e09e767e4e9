package io.mapdbg.agent.hooks;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.MessageDigest;
import java.security.ProtectionDomain;

/**
 * The SHA-256 of a class's bytes as a transformer registered after the hooks' one sees them on a retransform:
 * how tests check that the hooks are woven in, and that the original bytes are back after clear or detach.
 * Costs a retransform of the class (its compiled callers are thrown away).
 */
final class ClassDigest {
    private ClassDigest() {
    }

    static String of(Instrumentation inst, final Class<?> cls) throws Exception {
        final byte[][] seen = new byte[1][];
        ClassFileTransformer probe = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> c, ProtectionDomain domain,
                    byte[] bytes) {
                if (c == cls) {
                    seen[0] = bytes.clone();
                }
                return null;
            }
        };
        inst.addTransformer(probe, true);
        try {
            inst.retransformClasses(cls);
        } finally {
            inst.removeTransformer(probe);
        }
        if (seen[0] == null) {
            throw new IllegalStateException("no bytes seen for " + cls.getName());
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(seen[0])) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
