package io.mapdbg.threads;

import com.sun.jdi.ThreadReference;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.ThreadInfo;

import java.util.List;

/**
 * A thread of the target as read once: who it is (its JDI mirror, to read frames or monitors next in the same
 * pause) and the state it was in. state is a {@code Thread.State} name, jdiStatus JDI's word for it.
 */
public record LiveThread(ThreadReader.Identity identity, String state, String jdiStatus) {

    public ThreadReference reference() {
        return identity.reference();
    }

    /** The Java thread id. */
    public long id() {
        return identity.id();
    }

    public String name() {
        return identity.name();
    }

    public boolean daemon() {
        return identity.daemon();
    }

    public long jdiId() {
        return identity.reference().uniqueID(); // local: the id came with the mirror
    }

    public ThreadInfo info(Integer frameCount, List<FrameInfo> frames) {
        return new ThreadInfo(id(), jdiId(), name(), state, jdiStatus, daemon(), frameCount, frames);
    }
}
