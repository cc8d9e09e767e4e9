package io.mapdbg.backend;

/**
 * A request the user can fix, or must know was refused, raised below the commands (services, backends): one line
 * for the terminal, and the exit code the command line returns (1 refused, 2 usage). The dispatcher hands it on
 * as the command's own error, so the message and exit code are the same whichever layer found the problem.
 */
public class UserError extends RuntimeException {
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public UserError(String message) {
        this(message, REFUSED);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
