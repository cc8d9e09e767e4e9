package io.mapdbg.session.agent;

import io.mapdbg.session.TargetException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** A handshake directory or file that is not the user's alone: refused, never read or cleaned. */
    public static final class Refused extends TargetException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Refuses path unless it is a directory (or a regular file), not a link, owned by the user running mapdbg and
     * closed to group and others: another local user who made it could point mapdbg at an agent of theirs.
     */
    public static void checkPrivate(Path path, boolean directory) {
        try {
            if (directory ? !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    : !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused("refusing " + path + ": not a " + (directory ? "directory" : "regular file")
                        + " (a link?); remove it and try again");
            }
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
                return; // no owners or modes to check (not a POSIX system)
            }
            int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Path self = Paths.get("/proc/self"); // owned by this process's effective uid (Linux)
            if (Files.exists(self)) {
                int me = (Integer) Files.getAttribute(self, "unix:uid");
                if (owner != me) {
                    throw new Refused("refusing " + path + ": it belongs to uid " + owner + ", not to you (uid " + me
                            + "); another user may have made it to fool mapdbg: remove it and try again");
                }
            } else {
                String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
                if (!name.equals(System.getProperty("user.name"))) {
                    throw new Refused("refusing " + path + ": it belongs to " + name + ", not to you; another user"
                            + " may have made it to fool mapdbg: remove it and try again");
                }
            }
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
            if ((mode & 077) != 0) {
                throw new Refused(String.format("refusing %s: mode %03o lets other users in (it must be %s);"
                        + " remove it and try again", path, mode, directory ? "0700" : "0600"));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new Refused("refusing " + path + ": cannot read its owner and mode (" + e.getMessage() + ")");
        }
    }

    public static AgentHandshake read(Path file) throws IOException {
        checkPrivate(file.toAbsolutePath().getParent(), true);
        checkPrivate(file, false);
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
