package io.mapdbg.locks;

import java.util.List;

/**
 * Which frame of a waiting thread says where it waits: the first frame outside the parking machinery
 * (java.util.concurrent.locks, jdk.internal.misc, sun.misc, Object.wait), else the top frame.
 */
public final class WaitingFrame {
    private static final List<String> MACHINERY = List.of("java.util.concurrent.locks.", "jdk.internal.misc.",
            "sun.misc.");

    private WaitingFrame() {
    }

    /** Index into classNames (declaring classes of the frames, top first) of the waiting frame; -1 when empty. */
    public static int pick(List<String> classNames) {
        for (int i = 0; i < classNames.size(); i++) {
            String c = classNames.get(i);
            if (!c.equals("java.lang.Object") && !machinery(c)) {
                return i;
            }
        }
        return classNames.isEmpty() ? -1 : 0;
    }

    private static boolean machinery(String className) {
        for (String prefix : MACHINERY) { // a loop, not a stream: no lambda to link on a short client's first call
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
