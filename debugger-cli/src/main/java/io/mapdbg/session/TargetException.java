package io.mapdbg.session;

/**
 * A problem with the target that the user can act on: the message is one line meant for the terminal, and
 * {@link #exitCode()} is what the command line returns (1 target problem, 2 usage).
 */
public class TargetException extends RuntimeException {

    public static final int TARGET_PROBLEM = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public TargetException(String message) {
        this(message, TARGET_PROBLEM, null);
    }

    public TargetException(String message, Throwable cause) {
        this(message, TARGET_PROBLEM, cause);
    }

    public TargetException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A malformed argument (target, path): exit code 2. */
    public static TargetException usage(String message) {
        return new TargetException(message, USAGE, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
