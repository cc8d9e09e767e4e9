package io.mapdbg.session;

/** The process is a Java VM started without JDWP: JDI cannot attach, the mapdbg agent can. */
public class NoJdwpException extends TargetException {
    private final long pid;

    public NoJdwpException(long pid, String message, Throwable cause) {
        super(message, TARGET_PROBLEM, cause);
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }
}
