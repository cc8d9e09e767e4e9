package io.mapdbg;

import io.mapdbg.command.CommandContext;
import io.mapdbg.testing.CompiledClasses;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No state shared by every session of a mapdbg process: what a session (or a connection) holds lives in an object
 * made for it, never in a static field that two sessions, or two tests in one JVM, would share.
 */
class NoStaticStateTest {
    private static final Path ROOT = CompiledClasses.root(CommandContext.class);

    /** Classes let off the scan: none (the agent threads' prefetch is its backend's now). Nothing may join. */
    private static final Set<String> STILL_STATIC = Set.of();

    @Test
    void noStaticFieldHoldsMutableState() throws ReflectiveOperationException {
        List<String> offending = new ArrayList<>();
        for (Path file : CompiledClasses.in(ROOT, "io/mapdbg")) {
            String name = CompiledClasses.name(ROOT, file);
            if (STILL_STATIC.contains(name.replaceFirst("\\$.*", ""))) {
                continue;
            }
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue; // synthetic: $assertionsDisabled, enum $VALUES, switch maps
                }
                String where = name + "." + f.getName();
                if (!Modifier.isFinal(f.getModifiers())) {
                    offending.add(where + " is static and not final");
                } else if (Executor.class.isAssignableFrom(f.getType()) || ThreadLocal.class.isAssignableFrom(f.getType())
                        || f.getType().getName().startsWith("java.util.concurrent.atomic.")) {
                    offending.add(where + " is a shared " + f.getType().getSimpleName());
                } else if (Map.class.isAssignableFrom(f.getType()) || Collection.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    Object value = f.get(null); // initialises the class: ours, and cheap
                    if (value != null && !unmodifiable(value)) {
                        offending.add(where + " is a static " + value.getClass().getName());
                    }
                }
            }
        }
        assertThat(offending).as("static mutable state (make it a field of the session's or the connection's object)")
                .isEmpty();
    }

    @Test
    void theScanSeesStaticState() throws ReflectiveOperationException {
        // guards the scan: a mutable collection is found as such
        assertThat(unmodifiable(new java.util.concurrent.ConcurrentHashMap<>())).isFalse();
        assertThat(unmodifiable(List.of(1))).isTrue();
        assertThat(CompiledClasses.in(ROOT, "io/mapdbg")).hasSizeGreaterThan(200);
    }

    private static boolean unmodifiable(Object value) {
        String type = value.getClass().getName();
        return type.startsWith("java.util.ImmutableCollections$") || type.startsWith("java.util.Collections$Unmodifiable")
                || type.startsWith("java.util.Collections$Empty") || type.startsWith("java.util.Collections$Singleton");
    }
}
