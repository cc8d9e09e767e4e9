package io.mapdbg.service;

import com.sun.jdi.ThreadReference;
import io.mapdbg.model.FrameView;
import io.mapdbg.model.StackTrace;
import io.mapdbg.model.Variables;
import io.mapdbg.session.Session;

/**
 * The focus (thread and frame) and what stack, frame, thread, locals and args show of it: commands name threads
 * and frames by what the user typed, this turns those words into JDI threads and answers with model records.
 */
public final class FrameService {
    private final Session session;
    private final ThreadService threads;

    public FrameService(Session session) {
        this.session = session;
        this.threads = new ThreadService(session);
    }

    /** {@code stack}: the thread named by threadRef (null: the focused one), its top depth frames. */
    public StackTrace stack(String threadRef, int depth, boolean full) {
        ThreadReference t = threadRef != null ? threads.find(threadRef) : threads.focused();
        boolean focused = session.focus().thread().map(t::equals).orElse(false);
        return threads.stack(t, depth, full, focused ? session.focus().frame() : -1);
    }

    /** {@code frame [N]}: frame index (null: the selected one) of the focused thread, then selected. */
    public FrameView frame(Integer index) {
        ThreadReference t = threads.focused();
        int n = index != null ? index : session.focus().frame();
        FrameView view = threads.frame(t, n); // fails, leaving the focus alone, when there is no frame n
        session.focus().selectFrame(n);
        return view;
    }

    /** {@code thread ID}: selects the thread (and its top frame) and shows its top frames. */
    public StackTrace select(String threadRef, int frames) {
        ThreadReference t = threads.find(threadRef);
        session.focus().select(t);
        return threads.stack(t, frames, false, 0);
    }

    /** {@code locals} (true) or {@code args} (false) of the selected frame. */
    public Variables variables(boolean locals) {
        return threads.variables(threads.focused(), session.focus().frame(), locals);
    }
}
