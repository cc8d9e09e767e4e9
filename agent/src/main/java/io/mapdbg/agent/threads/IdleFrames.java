package io.mapdbg.agent.threads;

import io.mapdbg.layouts.WaitFrames;

import java.util.AbstractList;
import java.util.List;

/**
 * The client's two judgements on a waiting thread's frames, made here so that the agent walks only the stacks a
 * blocked report shows: an idle wait and the frame where a thread waits. Both are the layouts module's
 * {@link WaitFrames} rules, the ones the CLI runs over JDWP, applied to a live stack.
 */
final class IdleFrames {

    private IdleFrames() {
    }

    /** True when the frames (top first) show a thread idling for work. */
    static boolean idle(StackTraceElement[] frames) {
        return WaitFrames.idle(new Names(frames, true), new Names(frames, false));
    }

    /** Index of the frame where the thread waits: the first outside the parking machinery, else 0 (-1: none). */
    static int waitingFrame(StackTraceElement[] frames) {
        return WaitFrames.waitingFrame(new Names(frames, true));
    }

    /** The class or method names of a stack, read in place. */
    private static final class Names extends AbstractList<String> {
        private final StackTraceElement[] frames;
        private final boolean classes;

        Names(StackTraceElement[] frames, boolean classes) {
            this.frames = frames;
            this.classes = classes;
        }

        @Override
        public String get(int index) {
            return classes ? frames[index].getClassName() : frames[index].getMethodName();
        }

        @Override
        public int size() {
            return frames.length;
        }
    }
}
