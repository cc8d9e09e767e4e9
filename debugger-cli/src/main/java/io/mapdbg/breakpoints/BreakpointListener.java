package io.mapdbg.breakpoints;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Result;

import java.util.List;

/**
 * Receives what breakpoints publish, on the event-loop thread. Never told to print by the breakpoints: the
 * REPL's listener renders and prints (above the prompt) and runs the {@code on} commands.
 */
public interface BreakpointListener {
    BreakpointListener NONE = new BreakpointListener() {
        @Override
        public void hit(BreakpointHit hit, boolean json, List<String> onCommands) {
        }

        @Override
        public void notice(Result notice, boolean json) {
        }
    };

    /** A hit, with the hitting thread still stopped (for a trace it runs on right after this returns). */
    void hit(BreakpointHit hit, boolean json, List<String> onCommands);

    /** Something the user should know that is not a hit: a breakpoint done after --count, the target gone. */
    void notice(Result notice, boolean json);
}
