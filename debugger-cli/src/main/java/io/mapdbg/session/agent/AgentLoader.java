package io.mapdbg.session.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetExitedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Properties;

/**
 * Reaches the mapdbg agent of a local JVM: finds a running one (its handshake file, or the system property it
 * publishes, read through the Attach API) or loads the agent jar into the JVM through the Attach API. Loads at
 * most once per JVM: the agent publishes where its handshake is, and a second attach reuses it.
 */
public final class AgentLoader {
    static final String HANDSHAKE_PROPERTY = "mapdbg.agent.handshake";
    /** Why an agent did not start: it says so there, not on the target's stderr (the agent's AgentMain). */
    static final String ERROR_PROPERTY = "mapdbg.agent.error";

    private AgentLoader() {
    }

    /** How a connection came to be: whether this call loaded the agent. */
    public record Connected(AgentClient client, boolean loadedNow) {
    }

    /** Connects to the agent of pid, loading it first when allowed and none runs. */
    public static Connected connect(long pid, boolean load) {
        Path dir = AgentHandshake.defaultPath(pid).getParent();
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            AgentHandshake.checkPrivate(dir, true); // before anything is read, cleaned or handed to the agent
        }
        removeStaleHandshakes(dir);
        Optional<AgentClient> running = tryFile(AgentHandshake.defaultPath(pid), pid);
        if (running.isPresent()) {
            return new Connected(running.get(), false);
        }
        VirtualMachine vm = attach(pid);
        try {
            String published = property(vm);
            if (published != null) {
                Optional<AgentClient> viaProperty = tryFile(Paths.get(published), pid);
                if (viaProperty.isPresent()) {
                    return new Connected(viaProperty.get(), false);
                }
            }
            if (!load) {
                throw new TargetException("process " + pid + " runs no mapdbg agent (load it with --agent)");
            }
            Path handshake = AgentHandshake.defaultPath(pid);
            Path jar = AgentJar.locate();
            try {
                vm.loadAgent(jar.toString(), "handshake=" + handshake);
            } catch (AgentLoadException | AgentInitializationException e) {
                throw new TargetException("process " + pid + " refused the mapdbg agent (" + e.getMessage()
                        + "); with -XX:-EnableDynamicAgentLoading start it with -javaagent:" + jar, e);
            } catch (IOException e) {
                throw failure(pid, "loading the agent", e);
            }
            // the agent wrote where it was told, unless it was running already with its channel elsewhere
            Optional<AgentClient> loaded = tryFile(handshake, pid);
            if (loaded.isEmpty()) {
                String now = property(vm);
                loaded = now == null ? Optional.empty() : tryFile(Paths.get(now), pid);
            }
            if (loaded.isEmpty()) {
                String why = property(vm, ERROR_PROPERTY);
                throw new TargetException("the mapdbg agent loaded into process " + pid + " but did not start its channel"
                        + (why == null ? "" : ": " + why));
            }
            return new Connected(loaded.get(), true);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the attach connection only; the agent stays
            }
        }
    }

    /** Whether a mapdbg agent runs in pid, without loading one (the handshake file is readable and answers). */
    public static Optional<AgentClient> running(long pid) {
        return tryFile(AgentHandshake.defaultPath(pid), pid);
    }

    /** Handshake files of JVMs that were killed (a normal exit removes its own): best effort, never fails. */
    static void removeStaleHandshakes(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(dir, "agent-*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    long pid = Long.parseLong(name.substring("agent-".length(), name.length() - ".json".length()));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(f);
                    }
                } catch (NumberFormatException | IOException e) {
                    // not ours, or gone meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // a directory we cannot list: nothing to clean
        }
    }

    private static Optional<AgentClient> tryFile(Path file, long pid) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            AgentHandshake handshake = AgentHandshake.read(file);
            if (handshake.pid() != pid) {
                return Optional.empty();
            }
            return Optional.of(AgentClient.connect(handshake));
        } catch (AgentHandshake.Refused e) {
            throw e;
        } catch (IOException | TargetException e) {
            return Optional.empty(); // stale (the JVM of an earlier pid), or not ours: attach and ask
        }
    }

    private static String property(VirtualMachine vm) {
        return property(vm, HANDSHAKE_PROPERTY);
    }

    private static String property(VirtualMachine vm, String name) {
        try {
            Properties props = vm.getSystemProperties();
            return props.getProperty(name);
        } catch (IOException e) {
            return null;
        }
    }

    private static VirtualMachine attach(long pid) {
        LocalJvm.check(pid);
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new TargetException("cannot attach to process " + pid + " (not a Java VM of this user, or started with"
                    + " -XX:+DisableAttachMechanism): " + e.getMessage(), e);
        } catch (IOException e) {
            throw failure(pid, "attaching", e);
        }
    }

    private static TargetException failure(long pid, String what, IOException e) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return new TargetExitedException("process " + pid + " exited while " + what, e);
        }
        return new TargetException(what + " into process " + pid + " failed: " + e.getMessage(), e);
    }
}
