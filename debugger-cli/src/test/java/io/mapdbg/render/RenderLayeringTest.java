package io.mapdbg.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.model.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Renderers are pure views: render reads model records and writes text or JSON (Jackson, the JDK), and model is
 * records only. Neither reaches a session, a command, a service or JDI, by import or by a qualified name.
 */
class RenderLayeringTest {
    private static final Path MAIN = Path.of("src", "main", "java", "io", "mapdbg");
    private static final Pattern MAPDBG_NAME = Pattern.compile("\\bio\\.mapdbg\\.([a-z]+)\\.");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");

    @Test
    void renderUsesOnlyModelJacksonAndTheJdk() throws IOException {
        assertThat(strayNames("render", List.of("io.mapdbg.model.", "tools.jackson.", "java."), List.of("model", "render")))
                .isEmpty();
    }

    @Test
    void modelUsesOnlyJacksonAnnotationsAndTheJdk() throws IOException {
        assertThat(strayNames("model", List.of("com.fasterxml.jackson.annotation.", "tools.jackson.", "java."),
                List.of("model"))).isEmpty();
    }

    @Test
    void everyResultIsARecord() {
        assertThat(Arrays.stream(Result.class.getPermittedSubclasses()).filter(c -> !c.isRecord()).toList()).isEmpty();
        assertThat(Result.class.getPermittedSubclasses()).hasSizeGreaterThan(20);
    }

    /** "File.java: name" for each import or io.mapdbg.x. name outside what the package may use. */
    private static List<String> strayNames(String pkg, List<String> allowedImports, List<String> allowedPackages)
            throws IOException {
        List<String> stray = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(MAIN.resolve(pkg))) {
            files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).as("sources of " + pkg).isNotEmpty();
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String name = imports.group(1);
                if (allowedImports.stream().noneMatch(name::startsWith)) {
                    stray.add(file.getFileName() + ": import " + name);
                }
            }
            Matcher qualified = MAPDBG_NAME.matcher(source.replaceAll("(?m)^(package|import) .*$", ""));
            while (qualified.find()) {
                if (!allowedPackages.contains(qualified.group(1))) {
                    stray.add(file.getFileName() + ": " + qualified.group());
                }
            }
        }
        return stray;
    }
}
