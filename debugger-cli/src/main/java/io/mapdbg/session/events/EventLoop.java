package io.mapdbg.session.events;

import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventQueue;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.EventRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one thread that owns {@code vm.eventQueue()}, after jdb's {@code EventHandler.run}: each event goes to the
 * handler its request carries (property {@link #HANDLER}), and the event set is resumed unless a handler asks to
 * keep the thread stopped; a stopped set is held until {@link #resumeHeld()}. VM death and disconnect go to the
 * listeners. Handlers and listeners never print: they hand records up to whoever listens.
 */
public final class EventLoop {
    /** The request property that names the {@link EventHandler} of a request's events. */
    public static final Object HANDLER = EventHandler.class;

    /** Told when the target goes away; called on the loop thread. */
    public interface Listener {
        void targetGone(String why);
    }

    private final VirtualMachine vm;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<EventSet> held = new ArrayList<>(); // guarded by this
    private EventSet current; // the set being dispatched; guarded by this
    private boolean currentHeld; // a handler already moved it to held; guarded by this
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean gone;

    public EventLoop(VirtualMachine vm) {
        this.vm = vm;
        this.thread = new Thread(this::run, "mapdbg-events");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** True once the target died or the connection closed. */
    public boolean targetGone() {
        return gone;
    }

    /** Whether the caller runs on the loop thread (where a handler may not wait for another event). */
    public boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        EventQueue queue = vm.eventQueue();
        while (!closing) {
            EventSet set;
            try {
                set = queue.remove(200);
            } catch (InterruptedException e) {
                continue; // closing is checked by the loop
            } catch (VMDisconnectedException e) {
                announceGone("the target VM closed the connection");
                return;
            }
            if (set == null) {
                continue;
            }
            if (closing) {
                resumeQuietly(set);
                return;
            }
            synchronized (this) {
                current = set;
                currentHeld = false;
            }
            boolean stop = dispatch(set);
            boolean heldEarly;
            synchronized (this) {
                heldEarly = currentHeld;
                current = null;
                if (stop && !heldEarly) {
                    held.add(set);
                } else if (!stop && heldEarly && held.remove(set)) {
                    heldEarly = false; // held early, then the handler decided to go on after all
                }
            }
            if (!stop && !heldEarly) {
                resumeQuietly(set);
            }
        }
    }

    /** True when some handler asked to keep the event's thread stopped. */
    private boolean dispatch(EventSet set) {
        boolean stop = false;
        for (Event event : set) {
            if (event instanceof VMDeathEvent) {
                announceGone("the target VM exited");
            } else if (event instanceof VMDisconnectEvent) {
                announceGone("the target VM closed the connection");
                closing = true;
            } else {
                EventRequest request = event.request();
                Object handler = request == null ? null : request.getProperty(HANDLER);
                if (handler instanceof EventHandler h) {
                    try {
                        stop |= h.handle(event);
                    } catch (VMDisconnectedException e) {
                        announceGone("the target VM closed the connection");
                        closing = true;
                    } catch (RuntimeException e) {
                        // a failing handler must not kill the loop or leave the thread stopped
                        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                    }
                }
            }
        }
        return stop && !closing && set.suspendPolicy() != EventRequest.SUSPEND_NONE;
    }

    private void announceGone(String why) {
        if (gone) {
            return;
        }
        gone = true;
        for (Listener l : listeners) {
            l.targetGone(why);
        }
    }

    /**
     * Called by a handler, on the loop thread, that will keep its thread stopped: the set counts as held from now
     * on, so a continue that comes while the handler still reports the stop resumes it instead of missing it.
     */
    public synchronized void holdCurrent() {
        if (current != null && !currentHeld) {
            held.add(current);
            currentHeld = true;
        }
    }

    /** Resumes every event set a handler kept stopped; returns how many there were. */
    public int resumeHeld() {
        List<EventSet> sets;
        synchronized (this) {
            sets = new ArrayList<>(held);
            held.clear();
        }
        sets.forEach(EventLoop::resumeQuietly);
        return sets.size();
    }

    /** The threads of the event sets held stopped (a breakpoint's hitting thread), for showing them as stopped. */
    public synchronized java.util.Set<com.sun.jdi.ThreadReference> heldThreads() {
        java.util.Set<com.sun.jdi.ThreadReference> out = new java.util.HashSet<>();
        for (EventSet set : held) {
            for (Event e : set) {
                if (e instanceof com.sun.jdi.event.LocatableEvent l) {
                    out.add(l.thread());
                }
            }
        }
        return out;
    }

    /** How many event sets are stopped at a handler's request. */
    public synchronized int heldCount() {
        return held.size();
    }

    /**
     * Stops the loop and joins it (bounded), then resumes what it held and drains what is left in the queue,
     * resuming each set: called by {@code Session.close()} after every request is deleted, so no thread stays stopped.
     */
    public void close() {
        closing = true;
        if (thread.isAlive() && Thread.currentThread() != thread) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        resumeHeld();
        try {
            EventQueue queue = vm.eventQueue();
            for (EventSet set = queue.remove(20); set != null; set = queue.remove(20)) {
                resumeQuietly(set);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (VMDisconnectedException e) {
            // nothing left to resume
        }
    }

    private static void resumeQuietly(EventSet set) {
        try {
            set.resume();
        } catch (VMDisconnectedException e) {
            // gone: nothing to resume
        }
    }
}
