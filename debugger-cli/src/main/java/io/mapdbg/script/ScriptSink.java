package io.mapdbg.script;

import io.mapdbg.model.Result;

/** Where a running script's results and errors go: mapdbg trace prints them (text or JSON lines), source announces them. */
public interface ScriptSink {
    /** A line's result; json: the line asked for --json. */
    void result(String file, Step step, String command, Result result, boolean json);

    /** A line that failed at run time: {@code file:line: message}. */
    void error(String file, int line, String command, String message);

    /** An on-command was registered from this script line (so an error at a hit can name the line). */
    default void onCommand(String file, int line, String breakpoint, String command) {
    }
}
