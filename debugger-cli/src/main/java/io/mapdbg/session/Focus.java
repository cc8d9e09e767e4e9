package io.mapdbg.session;

import com.sun.jdi.ThreadReference;

import java.util.Optional;

/**
 * The thread and frame that commands without an explicit thread act on (stack, frame, locals, args, print),
 * as in jdb and Delve: a breakpoint hit selects the hitting thread, {@code thread <id>} selects another.
 */
public final class Focus {
    private ThreadReference thread;
    private int frame;

    public synchronized Optional<ThreadReference> thread() {
        return Optional.ofNullable(thread);
    }

    /** Selects a thread and its top frame. */
    public synchronized void select(ThreadReference t) {
        thread = t;
        frame = 0;
    }

    public synchronized int frame() {
        return frame;
    }

    public synchronized void selectFrame(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index " + index);
        }
        frame = index;
    }

    public synchronized void clear() {
        thread = null;
        frame = 0;
    }
}
