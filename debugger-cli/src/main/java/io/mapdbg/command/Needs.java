package io.mapdbg.command;

/** The state a command needs before it can run; the dispatcher checks it and says what is missing. */
public enum Needs {
    /** Runs anywhere: help, exit. */
    NOTHING,
    /** Needs an attached target VM. */
    TARGET
}
