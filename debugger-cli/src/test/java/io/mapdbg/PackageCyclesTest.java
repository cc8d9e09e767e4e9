package io.mapdbg;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two packages of debugger-cli's main sources depend on each other, even through others (read from their imports
 * and qualified names): the layers front end, registry, command, service, backend, decoder, record, view only point
 * down. What each layer may not name is checked on the compiled classes by CommandLayeringTest and
 * RenderLayeringTest.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b((?:io\\.mapdbg|com\\.sun\\.jdi)(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    /** package -> the packages its sources name (imports and qualified names), each with one file that does. */
    private static final Map<String, Map<String, String>> USES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher m = REFERENCE.matcher(text);
                Map<String, String> uses = USES.computeIfAbsent(pkg, k -> new TreeMap<>());
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg)) {
                        uses.putIfAbsent(used, f.getFileName().toString());
                    }
                }
            }
        }
    }

    @Test
    void noPackageCycles() {
        List<String> cycles = new ArrayList<>();
        for (String from : USES.keySet()) {
            List<String> path = pathBack(from);
            if (path != null && from.equals(new TreeSet<>(path).first())) { // each cycle once, from its first package
                StringBuilder line = new StringBuilder(from);
                for (int i = 1; i < path.size(); i++) {
                    line.append(" (").append(USES.get(path.get(i - 1)).get(path.get(i))).append(") -> ").append(path.get(i));
                }
                cycles.add(line.toString());
            }
        }
        assertThat(cycles).as("package cycles (the file that makes each step)").isEmpty();
    }

    /** A shortest path from pkg through its uses back to itself, or null. */
    private static List<String> pathBack(String pkg) {
        Map<String, String> parent = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(pkg));
        while (!todo.isEmpty()) {
            String p = todo.poll();
            for (String next : USES.getOrDefault(p, Map.of()).keySet()) {
                if (next.equals(pkg)) {
                    List<String> path = new ArrayList<>(List.of(pkg));
                    for (String q = p; !q.equals(pkg); q = parent.get(q)) {
                        path.add(1, q);
                    }
                    path.add(pkg);
                    return path;
                }
                if (USES.containsKey(next) && !parent.containsKey(next) && !next.equals(pkg)) {
                    parent.put(next, p);
                    todo.add(next);
                }
            }
        }
        return null;
    }

}
