package io.mapdbg.threads;

import com.sun.jdi.ThreadReference;

import java.util.Locale;
import java.util.Set;

/**
 * Thread states in the user's words ({@code Thread.State} names). The precise state comes from the thread's
 * {@code threadStatus} field (JVMTI bits, decoded as {@code jdk.internal.misc.VM.toThreadState} does): JDI's
 * {@code status()} says WAIT for both {@code park()} and {@code parkNanos()}, so only the field tells WAITING
 * from TIMED_WAITING. Without the field, JDI's status is mapped: SLEEPING is TIMED_WAITING, WAIT is WAITING.
 */
public final class ThreadStates {
    public static final Set<String> NAMES = Set.of("NEW", "RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING",
            "TERMINATED");
    /** Not a Thread.State: a thread a mapdbg breakpoint keeps stopped (its status field still says RUNNABLE). */
    public static final String AT_BREAKPOINT = "AT_BREAKPOINT";

    private static final int ALIVE = 0x0001;
    private static final int TERMINATED = 0x0002;
    private static final int RUNNABLE = 0x0004;
    private static final int WAITING_INDEFINITELY = 0x0010;
    private static final int WAITING_WITH_TIMEOUT = 0x0020;
    private static final int BLOCKED_ON_MONITOR_ENTER = 0x0400;

    private ThreadStates() {
    }

    /** The {@code Thread.State} name of a {@code threadStatus} value. */
    public static String fromThreadStatus(int status) {
        if ((status & RUNNABLE) != 0) {
            return "RUNNABLE";
        } else if ((status & BLOCKED_ON_MONITOR_ENTER) != 0) {
            return "BLOCKED";
        } else if ((status & WAITING_INDEFINITELY) != 0) {
            return "WAITING";
        } else if ((status & WAITING_WITH_TIMEOUT) != 0) {
            return "TIMED_WAITING";
        } else if ((status & TERMINATED) != 0) {
            return "TERMINATED";
        } else if ((status & ALIVE) == 0) {
            return "NEW";
        }
        return "RUNNABLE";
    }

    /** JDI's status code as a word. */
    public static String jdiStatus(int status) {
        return switch (status) {
            case ThreadReference.THREAD_STATUS_ZOMBIE -> "ZOMBIE";
            case ThreadReference.THREAD_STATUS_RUNNING -> "RUNNING";
            case ThreadReference.THREAD_STATUS_SLEEPING -> "SLEEPING";
            case ThreadReference.THREAD_STATUS_MONITOR -> "MONITOR";
            case ThreadReference.THREAD_STATUS_WAIT -> "WAIT";
            case ThreadReference.THREAD_STATUS_NOT_STARTED -> "NOT_STARTED";
            default -> "UNKNOWN";
        };
    }

    /** The nearest {@code Thread.State} of a JDI status, when the thread's own field cannot be read. */
    public static String fromJdiStatus(int status) {
        return switch (status) {
            case ThreadReference.THREAD_STATUS_ZOMBIE -> "TERMINATED";
            case ThreadReference.THREAD_STATUS_SLEEPING -> "TIMED_WAITING";
            case ThreadReference.THREAD_STATUS_MONITOR -> "BLOCKED";
            case ThreadReference.THREAD_STATUS_WAIT -> "WAITING";
            case ThreadReference.THREAD_STATUS_NOT_STARTED -> "NEW";
            default -> "RUNNABLE";
        };
    }

    /**
     * The JDI status a {@code Thread.State} corresponds to, for the jdiStatus column when only the field was
     * read (saves a round trip per thread). TIMED_WAITING may be SLEEPING or WAIT in JDI: said as WAIT.
     */
    public static String jdiStatusOf(String state, int threadStatus) {
        final int sleeping = 0x0040;
        return switch (state) {
            case "BLOCKED" -> "MONITOR";
            case "WAITING" -> "WAIT";
            case "TIMED_WAITING" -> (threadStatus & sleeping) != 0 ? "SLEEPING" : "WAIT";
            case "NEW" -> "NOT_STARTED";
            case "TERMINATED" -> "ZOMBIE";
            default -> "RUNNING";
        };
    }

    /**
     * A {@code -s} argument as a state name, or null for "all". Case-insensitive; {@code TIMED-WAITING},
     * {@code timed} and JDI's words (MONITOR, WAIT, SLEEPING, RUNNING) are accepted too.
     */
    public static String parseFilter(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (s) {
            case "ALL", "" -> null;
            case "MONITOR" -> "BLOCKED";
            case "WAIT" -> "WAITING";
            case "SLEEPING", "TIMED" -> "TIMED_WAITING";
            case "RUNNING" -> "RUNNABLE";
            default -> {
                if (!NAMES.contains(s)) {
                    throw new IllegalArgumentException("unknown thread state '" + text
                            + "': use RUNNABLE, BLOCKED, WAITING, TIMED_WAITING, NEW, TERMINATED or all");
                }
                yield s;
            }
        };
    }
}
