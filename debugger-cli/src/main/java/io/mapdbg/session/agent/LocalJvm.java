package io.mapdbg.session.agent;

import io.mapdbg.session.TargetException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Checks made on a local process before the Attach API touches it: on a process that is no JVM the attach waits
 * 10.5 s for an answer that never comes; and an agent loaded into another user's JVM would leave a listener there
 * that this user's mapdbg could not even reach (its handshake file would be the other user's).
 */
final class LocalJvm {
    private LocalJvm() {
    }

    /** Refuses, with one line, a pid that is gone, not this user's, or not a Java VM. */
    static void check(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new TargetException("no process " + pid);
        }
        Path proc = Paths.get("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            return; // no /proc (not Linux): the Attach API says what it finds
        }
        try {
            int owner = (Integer) Files.getAttribute(proc, "unix:uid");
            int me = (Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
            if (owner != me) {
                throw new TargetException("process " + pid + " belongs to uid " + owner + ", not to you (uid " + me
                        + "): mapdbg loads its agent only into your own JVMs (run mapdbg as that user)");
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return; // owner unknown: the Attach API refuses another user's JVM anyway
        }
        if (!runsJvm(proc.resolve("maps"))) {
            String command = ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> " (" + c + ")").orElse("");
            throw new TargetException("process " + pid + command + " is not a Java VM");
        }
    }

    /** Whether the process has the JVM library mapped; true when that cannot be read (then attach decides). */
    private static boolean runsJvm(Path maps) {
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.anyMatch(l -> l.endsWith("/libjvm.so"));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
