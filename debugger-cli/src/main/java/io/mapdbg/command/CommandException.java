package io.mapdbg.command;

/** A user error in a command (bad reference, bad option value): one line, the command fails, the session goes on. */
public class CommandException extends RuntimeException {
    private final int exitCode;

    public CommandException(String message) {
        this(message, 1);
    }

    public CommandException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
