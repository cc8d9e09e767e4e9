package io.mapdbg.agent;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file that hands the control channel's port and secret to the client: in a directory only the user can
 * enter (0700), written 0600 and moved into place atomically, removed when the JVM exits. Default place:
 * {@code ${java.io.tmpdir}/mapdbg-<user>/agent-<pid>.json}; the client may name another in the agent arguments.
 */
final class Handshake {
    private static final Charset UTF8 = Charset.forName("UTF-8");

    private Handshake() {
    }

    static long pid() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // "pid@host" on HotSpot since JDK 5
        int at = name.indexOf('@');
        try {
            return Long.parseLong(at > 0 ? name.substring(0, at) : name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Path defaultPath(long pid) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Paths.get(System.getProperty("java.io.tmpdir", "/tmp"), "mapdbg-" + user, "agent-" + pid + ".json");
    }

    static void write(Path file, long pid, int port, String secret, String mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Set<PosixFilePermission> userOnly = PosixFilePermissions.fromString("rwx------");
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(userOnly));
            }
            // someone else's directory, or one others can enter, must not receive the secret
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new IOException(dir + " belongs to " + owner + ", not to " + System.getProperty("user.name"));
            }
            if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(userOnly)) {
                Files.setPosixFilePermissions(dir, userOnly);
            }
        } else {
            Files.createDirectories(dir);
        }
        String json = "{\"pid\":" + pid + ",\"port\":" + port + ",\"secret\":\"" + secret + "\",\"mode\":\"" + mode
                + "\",\"java\":\"" + System.getProperty("java.version", "?").replace("\"", "") + "\"}\n";
        Path temp = posix
                ? Files.createTempFile(dir, "agent-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "agent-", ".tmp");
        OutputStream out = Files.newOutputStream(temp);
        try {
            out.write(json.getBytes(UTF8));
        } finally {
            out.close();
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        new File(file.toString()).deleteOnExit();
    }
}
