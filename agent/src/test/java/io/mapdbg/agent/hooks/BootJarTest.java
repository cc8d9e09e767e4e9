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
}
