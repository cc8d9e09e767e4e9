package io.mapdbg.session;

/** The target VM went away (exited, was killed, or closed the JDWP connection) while we talked to it. */
public class TargetExitedException extends TargetException {

    public static final String MESSAGE = "the target VM exited (or closed the connection)";

    public TargetExitedException() {
        this(MESSAGE, null);
    }

    public TargetExitedException(String message, Throwable cause) {
        super(message, TARGET_PROBLEM, cause);
    }
}
