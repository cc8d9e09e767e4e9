package io.mapdbg.command;

import io.mapdbg.testing.CompiledClasses;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of issue 17 in the compiled classes: commands reach the target through services, never through JDI;
 * services and the front ends' script runner sit below and beside commands, so no cycle runs through command.
 */
class CommandLayeringTest {
    private static final Path ROOT = CompiledClasses.root(CommandContext.class);

    @Test
    void noCommandTouchesJdi() {
        List<String> offending = offenders("io/mapdbg/command", "com/sun/jdi/");
        assertThat(offending).as("commands that refer to JDI (go through a service instead)").isEmpty();
    }

    @Test
    void commandsDependOnNoFrontEndOrScript() {
        List<String> offending = new ArrayList<>();
        for (String above : List.of("io/mapdbg/script/", "io/mapdbg/repl/", "io/mapdbg/cli/", "io/mapdbg/render/")) {
            offending.addAll(offenders("io/mapdbg/command", above));
        }
        assertThat(offending).as("commands that depend on a front end or on scripts (a package cycle)").isEmpty();
    }

    @Test
    void servicesDependOnNoCommand() {
        List<String> offending = new java.util.ArrayList<>(offenders("io/mapdbg/service", "io/mapdbg/command/"));
        offending.addAll(offenders("io/mapdbg/backend", "io/mapdbg/command/")); // nor the backends below them
        assertThat(offending).as("services that depend on command code (command -> service -> command)").isEmpty();
    }

    @Test
    void theScanSeesWhatItLooksFor() {
        // guards the scan itself: a class known to use JDI and one known to use command code are found
        assertThat(offenders("io/mapdbg/service", "com/sun/jdi/")).anyMatch(o -> o.startsWith("io.mapdbg.service.ValueService "));
        assertThat(offenders("io/mapdbg/script", "io/mapdbg/command/")).anyMatch(o -> o.startsWith("io.mapdbg.script.Scripts "));
        assertThat(CompiledClasses.in(ROOT, "io/mapdbg/command")).hasSizeGreaterThan(40);
    }

    /** "class -> referenced class" for each class of the package that refers to something starting with prefix. */
    private static List<String> offenders(String packagePath, String prefix) {
        List<String> out = new ArrayList<>();
        for (Path file : CompiledClasses.in(ROOT, packagePath)) {
            for (String ref : CompiledClasses.referencedBy(file)) {
                if (ref.startsWith(prefix)) {
                    out.add(CompiledClasses.name(ROOT, file) + " -> " + ref.replace('/', '.'));
                }
            }
        }
        return out;
    }
}
