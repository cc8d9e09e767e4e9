package io.mapdbg.service;

import com.sun.jdi.ThreadReference;
import io.mapdbg.breakpoints.ThreadOrigins;
import io.mapdbg.model.ThreadOrigin;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;

/** {@code origin} and {@code thread ID origin}: where a thread was started, from what origin on recorded. */
public final class OriginService {
    private final Session session;
    private final ThreadOrigins origins;

    public OriginService(Session session, ThreadOrigins origins) {
        this.session = session;
        this.origins = origins;
    }

    /** origin on: records where each thread started from now on is started. */
    public void start() {
        origins.start();
    }

    /** origin off: what was recorded stays. */
    public void stop() {
        origins.stop();
    }

    /** The origin of the focused thread (the one a hit stopped, or thread ID selected). */
    public ThreadOrigin ofFocused() {
        requireRecorded();
        ThreadReference t = session.focus().thread().orElseThrow(() -> new TargetException(
                "origin: no thread in focus: use it in an on block, or thread ID origin"));
        return origins.of(t);
    }

    /** The origin of the thread the user named (its Java id, @jdiId or exact name). */
    public ThreadOrigin of(String threadRef) {
        ThreadReference t = new ThreadService(session).find(threadRef);
        requireRecorded();
        return origins.of(t);
    }

    private void requireRecorded() {
        if (!origins.recording() && origins.recorded() == 0) {
            throw new TargetException("origin: recording is off: origin on records where threads are started from then on");
        }
    }
}
