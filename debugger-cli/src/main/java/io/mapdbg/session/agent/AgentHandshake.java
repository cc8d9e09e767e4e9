package io.mapdbg.session.agent;

import io.mapdbg.session.TargetException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handshake file an agent writes (pid, port, secret), user-only. The agent writes it by hand as one JSON
 * line; reading it needs no JSON library either.
 */
public record AgentHandshake(long pid, int port, String secret, String mode, String java, Path file) {

    @Override
    public String toString() {
        return "AgentHandshake[pid=" + pid + ", port=" + port + ", mode=" + mode + ", file=" + file + "]"; // no secret
    }

    /** Where an agent started with -javaagent (no handshake argument) writes it, and where mapdbg asks for it. */
    public static Path defaultPath(long pid) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Paths.get(System.getProperty("java.io.tmpdir", "/tmp"), "mapdbg-" + user, "agent-" + pid + ".json");
    }

    public static AgentHandshake read(Path file) throws IOException {
        String text = Files.readString(file);
        try {
            return new AgentHandshake(Long.parseLong(field(text, "pid")), Integer.parseInt(field(text, "port")),
                    field(text, "secret"), field(text, "mode"), field(text, "java"), file);
        } catch (RuntimeException e) {
            throw new TargetException("unreadable agent handshake file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)\"?").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name);
        }
        return m.group(1);
    }
}
