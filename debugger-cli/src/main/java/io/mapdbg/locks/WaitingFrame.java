package io.mapdbg.locks;

import io.mapdbg.layouts.WaitFrames;
import java.util.List;

/**
 * Which frame of a waiting thread says where it waits: the first frame outside the parking machinery
 * (java.util.concurrent.locks, jdk.internal.misc, sun.misc, Object.wait), else the top frame. The rule is the
 * layouts module's {@link WaitFrames#waitingFrame}, which the agent runs too.
 */
public final class WaitingFrame {

    private WaitingFrame() {
    }

    /** Index into classNames (declaring classes of the frames, top first) of the waiting frame; -1 when empty. */
    public static int pick(List<String> classNames) {
        return WaitFrames.waitingFrame(classNames);
    }
}
