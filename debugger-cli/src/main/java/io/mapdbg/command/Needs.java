package io.mapdbg.command;

/**
 * What a command needs before it can run, in capabilities, never a transport: the dispatcher checks it and says
 * what is missing, and the front end reads it to know what a session through the agent alone can serve.
 */
public enum Needs {
    /** Runs anywhere: help, exit. */
    NOTHING,
    /** Any backend, JDWP or the mapdbg agent: maps, buckets, threads, blocked, races, trace mapassign --map. */
    BACKEND,
    /**
     * An attached target, with JDWP's features where the command uses them (stopped threads, frames, expressions,
     * suspending breakpoints): a command reached through the agent alone says that it needs JDWP.
     */
    TARGET;

    /** True when a session through the mapdbg agent alone (no JDWP) can serve the command. */
    public boolean servedByAgent() {
        return this == BACKEND;
    }
}
