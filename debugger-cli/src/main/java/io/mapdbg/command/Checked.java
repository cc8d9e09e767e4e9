package io.mapdbg.command;

/**
 * A command that checks its words beyond what picocli parses (a duration, a grammar of its own): scripts call it
 * for every line before anything is armed, so a mistake is a syntax error, not a failure halfway through.
 */
public interface Checked {
    /** Throws CommandException (exit code 2) with a one-line reason when the words are wrong. */
    void check();
}
