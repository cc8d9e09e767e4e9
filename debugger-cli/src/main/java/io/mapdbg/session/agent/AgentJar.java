package io.mapdbg.session.agent;

import io.mapdbg.session.TargetException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the agent jar: {@code -Dmapdbg.agentJar} or {@code $MAPDBG_AGENT_JAR}, else {@code mapdbg-agent.jar} next
 * to the mapdbg jar, else the reactor build's {@code agent/target/mapdbg-agent-<version>.jar}.
 */
public final class AgentJar {
    public static final String PROPERTY = "mapdbg.agentJar";

    private AgentJar() {
    }

    public static Path locate() {
        List<Path> tried = new ArrayList<>();
        String named = System.getProperty(PROPERTY, System.getenv("MAPDBG_AGENT_JAR"));
        if (named != null && !named.isBlank()) {
            Path p = Paths.get(named);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
            throw new TargetException("the agent jar " + p + " (from -D" + PROPERTY + " or MAPDBG_AGENT_JAR) does not exist");
        }
        Path here = codeSource();
        if (here != null) {
            // debugger-cli/target/mapdbg-cli-*.jar or debugger-cli/target/classes: both sit in target/
            Path dir = Files.isDirectory(here) ? here.getParent() : here.getParent();
            Path beside = dir.resolve("mapdbg-agent.jar");
            tried.add(beside);
            if (Files.isRegularFile(beside)) {
                return beside;
            }
            Path reactor = dir.getParent() == null || dir.getParent().getParent() == null ? null
                    : dir.getParent().getParent().resolve("agent").resolve("target");
            if (reactor != null) {
                tried.add(reactor.resolve("mapdbg-agent-*.jar"));
                Path built = newestAgentJar(reactor);
                if (built != null) {
                    return built;
                }
            }
        }
        throw new TargetException("the mapdbg agent jar was not found (looked at " + tried
                + "); build it with mvn package, or name it with -D" + PROPERTY + "=PATH");
    }

    private static Path newestAgentJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("mapdbg-agent-") && n.endsWith(".jar") && !n.endsWith("-sources.jar");
            }).findFirst().map(Path::toAbsolutePath).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path codeSource() {
        try {
            var source = AgentJar.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Paths.get(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
