package io.mapdbg.locks;

import io.mapdbg.layouts.WaitFrames;
import java.util.List;

/**
 * Waits that are a thread idling for work, not a thread stuck on a lock ({@code threads --blocked} leaves them out
 * unless {@code --all-waits}). The rule is the layouts module's {@link WaitFrames#idle}, which the agent runs too.
 */
public final class IdleWaits {

    private IdleWaits() {
    }

    /** True when frames (declaring class and method name of each, top first) show an idle wait. */
    public static boolean idle(List<String> classes, List<String> methods) {
        return WaitFrames.idle(classes, methods);
    }
}
