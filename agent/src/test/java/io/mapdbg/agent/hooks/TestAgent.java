package io.mapdbg.agent.hooks;

import java.lang.instrument.Instrumentation;

/** A -javaagent for the probe JVMs of the hook tests: it only keeps the Instrumentation. */
public final class TestAgent {
    static volatile Instrumentation inst;

    private TestAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        inst = instrumentation;
    }
}
