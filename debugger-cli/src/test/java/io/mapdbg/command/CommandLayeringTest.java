package io.mapdbg.command;

import io.mapdbg.testing.CompiledClasses;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of issue 17 in the compiled classes: commands reach the target through services, never through JDI;
 * services and the front ends' script runner sit below and beside commands, so no cycle runs through command.
 */
class CommandLayeringTest {
    private static final Path ROOT = CompiledClasses.root(CommandContext.class);

    /**
     * Service classes that still use command code (CommandException, ValueHistory), until the map references are
     * parsed once with the services' own error type (issue 17, point 3, another change). Nothing may join the list.
     */
    private static final Set<String> SERVICES_STILL_ON_COMMAND = Set.of("io.mapdbg.service.MapReferences",
            "io.mapdbg.service.AgentIds", "io.mapdbg.service.AgentRaceService", "io.mapdbg.service.AgentBucketsService");

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
        List<String> offending = offenders("io/mapdbg/service", "io/mapdbg/command/").stream()
                .filter(o -> !SERVICES_STILL_ON_COMMAND.contains(o.substring(0, o.indexOf(' '))))
                .toList();
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
