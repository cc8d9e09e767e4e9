package io.mapdbg.threads;

import com.sun.jdi.ThreadReference;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.ThreadInfo;

import java.util.List;

/**
 * A thread of the target as read once: its JDI mirror (to read frames or monitors next, in the same pause)
 * and the facts the user sees. id is the Java thread id; state a {@code Thread.State} name.
 */
public record LiveThread(ThreadReference reference, long id, String name, String state, String jdiStatus,
                         boolean daemon) {

    public long jdiId() {
        return reference.uniqueID(); // local: the id came with the mirror
    }

    public ThreadInfo info(Integer frameCount, List<FrameInfo> frames) {
        return new ThreadInfo(id, jdiId(), name, state, jdiStatus, daemon, frameCount, frames);
    }
}
