package io.mapdbg.agent;

import io.mapdbg.agent.channel.ControlChannel;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Entry points of the mapdbg agent: {@code -javaagent:mapdbg-agent.jar} at start, or loaded into a live JVM
 * through the Attach API. Starts once per JVM: a second load (each loadAgent makes a new agent environment)
 * reuses the running control channel and only writes the handshake file where asked. Nothing here may throw
 * into the target or write to its output: a failure is kept in the system property {@value #ERROR_PROPERTY}.
 *
 * <p>Arguments: comma-separated {@code key=value}; {@code handshake=PATH} says where to write the port and
 * secret (default {@code ${java.io.tmpdir}/mapdbg-<user>/agent-<pid>.json}). The path in use is published
 * as the system property {@value #HANDSHAKE_PROPERTY}, which a client reads through the Attach API first.
 *
 * <p>Other parts of the agent add requests at start through a class
 * {@code io.mapdbg.agent.hooks.HookRequests} with {@code public static void register(ControlChannel,
 * Instrumentation)}, called here by reflection when it exists, or later through {@link #channel()}.
 */
public final class AgentMain {
    public static final String HANDSHAKE_PROPERTY = "mapdbg.agent.handshake";
    /** Why the agent did not start (absent when it did). */
    public static final String ERROR_PROPERTY = "mapdbg.agent.error";
    /** Why the write hooks are unavailable (absent when they are). */
    public static final String HOOKS_ERROR_PROPERTY = "mapdbg.agent.hooksError";
    static final String HOOKS_CLASS = "io.mapdbg.agent.hooks.HookRequests";

    private static ControlChannel channel; // guarded by AgentMain.class
    private static volatile Instrumentation instrumentation;

    private AgentMain() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, "javaagent");
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, "attach");
    }

    /** The running channel (null before start or if it failed), for parts that add requests later. */
    public static synchronized ControlChannel channel() {
        return channel;
    }

    public static Instrumentation instrumentation() {
        return instrumentation;
    }

    private static synchronized void start(String args, Instrumentation inst, String mode) {
        try {
            long pid = Handshake.pid();
            String asked = argument(args, "handshake");
            Path handshake = asked != null ? Paths.get(asked) : Handshake.defaultPath(pid);
            if (channel == null) {
                instrumentation = inst;
                ModuleAccess.init(inst);
                ClassInit.init(inst);
                ControlChannel opened = ControlChannel.open();
                Requests.registerAll(opened, inst, mode);
                registerHooks(opened, inst);
                channel = opened;
            }
            Handshake.write(handshake, pid, channel.port(), channel.secret(), mode);
            System.setProperty(HANDSHAKE_PROPERTY, handshake.toAbsolutePath().toString());
        } catch (Throwable e) {
            failed(ERROR_PROPERTY, "not started: " + e);
        }
    }

    private static void registerHooks(ControlChannel opened, Instrumentation inst) {
        try {
            Class<?> hooks = Class.forName(HOOKS_CLASS, true, AgentMain.class.getClassLoader());
            Method register = hooks.getMethod("register", ControlChannel.class, Instrumentation.class);
            register.invoke(null, opened, inst);
        } catch (ClassNotFoundException e) {
            // an agent built without hooks
        } catch (Throwable e) {
            failed(HOOKS_ERROR_PROPERTY, "write hooks unavailable: " + e);
        }
    }

    /**
     * Says why something failed in a system property the client reads through the Attach API: never on the
     * target's own stdout or stderr, which belong to the application.
     */
    private static void failed(String property, String why) {
        try {
            System.setProperty(property, why);
        } catch (Throwable ignored) {
            // nowhere left to say it
        }
    }

    static String argument(String args, String key) {
        if (args == null) {
            return null;
        }
        for (String part : args.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(key)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
