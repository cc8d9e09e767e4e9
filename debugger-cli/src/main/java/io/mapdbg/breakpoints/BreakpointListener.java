package io.mapdbg.breakpoints;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Result;

import java.util.List;

/**
 * Receives what breakpoints publish, in order, on one printer thread (not the event loop: a slow terminal must
 * not hold traced threads). Never told to print by the breakpoints: the REPL's listener renders and prints (above
 * the prompt) and runs the {@code on} commands.
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

    /**
     * A hit. For a break, and for a trace with {@code on} commands, the hitting thread is still stopped and waits
     * for this to return; a plain trace's thread ran on as soon as its hit was read (onCommands is empty then).
     */
    void hit(BreakpointHit hit, boolean json, List<String> onCommands);

    /** Something the user should know that is not a hit: a breakpoint done after --count, the target gone. */
    void notice(Result notice, boolean json);
}
