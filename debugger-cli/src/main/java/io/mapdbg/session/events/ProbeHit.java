package io.mapdbg.session.events;

import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;

import java.util.List;

/**
 * A thread stopped at a probe's location by an event (so methods could be invoked on it). The frame,
 * {@code this} and the arguments are fetched on first use: a handler that filters on {@code this} alone pays for
 * nothing else. Arguments come from {@code getArgumentValues()}, which needs no local-variable table.
 */
public final class ProbeHit {
    private final Probe probe;
    private final ThreadReference thread;
    private final Location location;
    private ObjectReference thisObject;
    private boolean thisRead;
    private List<Value> arguments;

    ProbeHit(Probe probe, ThreadReference thread, Location location) {
        this.probe = probe;
        this.thread = thread;
        this.location = location;
    }

    /** The probe whose request fired: usable at once, even while its arm() has not returned yet. */
    public Probe probe() {
        return probe;
    }

    public ThreadReference thread() {
        return thread;
    }

    public Location location() {
        return location;
    }

    public Method method() {
        return location.method();
    }

    public StackFrame frame() {
        try {
            return thread.frame(0);
        } catch (IncompatibleThreadStateException e) {
            throw new IllegalStateException("thread " + thread.name() + " is not suspended", e);
        }
    }

    /** {@code this} of the stopped frame; null in a static method. */
    public ObjectReference thisObject() {
        if (!thisRead) {
            thisObject = frame().thisObject();
            thisRead = true;
        }
        return thisObject;
    }

    public List<Value> arguments() {
        if (arguments == null) {
            arguments = frame().getArgumentValues();
        }
        return arguments;
    }

    /** Frames on the thread's stack, the stopped one included. */
    public int frameCount() {
        try {
            return thread.frameCount();
        } catch (IncompatibleThreadStateException e) {
            throw new IllegalStateException("thread " + thread.name() + " is not suspended", e);
        }
    }
}
