package io.mapdbg.agent.hooks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How an overlap's stack is reported: without the hook's frames and without the wrap of a hot map's write. */
class ShownStackTest {
    @Test
    void theHooksFramesAndTheWrapsFrameAreLeftOutAndRealRecursionIsKept() {
        StackTraceElement[] stack = {
            frame("io.mapdbg.agent.boot.AllMarker", "enter", 60),
            frame("io.mapdbg.agent.boot.WriterCells", "hotEnter", 90),
            frame("java.util.HashMap", "putVal", 630),
            frame("java.util.HashMap", "put", 610),
            frame("java.util.HashMap", "put", -1), // the wrap: put calling itself
            frame("com.example.Tree", "walk", 12),
            frame("com.example.Tree", "walk", 14), // the program's own recursion
            frame("com.example.Main", "main", 3),
        };
        assertThat(HookRequests.shown(stack)).containsExactly("java.util.HashMap.putVal(HashMap.java:630)",
                "java.util.HashMap.put(HashMap.java:610)", "com.example.Tree.walk(Tree.java:12)",
                "com.example.Tree.walk(Tree.java:14)", "com.example.Main.main(Main.java:3)");
    }

    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }
}
