package io.mapdbg.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry points of the mapdbg agent: {@code -javaagent:mapdbg-agent.jar} at start, or loaded into a live JVM
 * through the Attach API. Nothing here may throw into the target.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    private static void start(String args, Instrumentation instrumentation) {
        // filled in by the agent issue: control channel, layouts, hooks
    }
}
