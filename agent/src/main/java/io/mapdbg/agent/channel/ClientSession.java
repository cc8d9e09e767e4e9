package io.mapdbg.agent.channel;

/**
 * One client's lease on what it armed: a session per authenticated connection of the control channel. Whatever a
 * request arms (hooks, watches, races --all, event queues, caches) registers its disarm with {@link #onClose}; the
 * channel closes the session when the connection ends however it ended (EOF, reset, read failure: a client killed
 * with -9 has its socket closed by the kernel, so the end arrives at once). A second connection of the same client
 * (its event stream) names this session by {@link #id} and is served from it ({@link #byId}). Caches that must not
 * outlive their client hang on the session ({@link #attach}) and go with it.
 *
 * <p>Arrays, not collections of the JDK's map classes: this runs beside hooks in those classes.
 */
public final class ClientSession {
    private static final Object LIVE_LOCK = new Object();
    private static ClientSession[] live = new ClientSession[0]; // guarded by LIVE_LOCK
    private static long lastId; // guarded by LIVE_LOCK

    /** The session whose request the current thread serves (set by the channel around each handler). */
    private static final ThreadLocal<ClientSession> CURRENT = new ThreadLocal<ClientSession>();

    private final long id;
    private Runnable[] listeners = new Runnable[0]; // guarded by this
    private Object[] attachments = new Object[0]; // key, value, key, value...; guarded by this
    private volatile boolean closed;

    private ClientSession(long id) {
        this.id = id;
    }

    /** A new live session (the channel opens one per authenticated connection). */
    public static ClientSession open() {
        synchronized (LIVE_LOCK) {
            ClientSession s = new ClientSession(++lastId);
            ClientSession[] copy = new ClientSession[live.length + 1];
            System.arraycopy(live, 0, copy, 0, live.length);
            copy[live.length] = s;
            live = copy;
            return s;
        }
    }

    /** The live session with this id, or null (never opened, or ended). */
    public static ClientSession byId(long id) {
        synchronized (LIVE_LOCK) {
            for (ClientSession s : live) {
                if (s.id == id) {
                    return s;
                }
            }
            return null;
        }
    }

    /** How many sessions are live (tests, stats). */
    public static int liveCount() {
        synchronized (LIVE_LOCK) {
            return live.length;
        }
    }

    /** The session whose request this thread is serving, or null (a thread of no connection). */
    public static ClientSession current() {
        return CURRENT.get();
    }

    /** The channel: this thread now serves a request of session (null: no more). */
    static void serving(ClientSession session) {
        if (session == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(session);
        }
    }

    /** What was attached under key (by identity), or null; an ended session holds nothing. */
    public synchronized Object attachment(Object key) {
        for (int i = 0; i < attachments.length; i += 2) {
            if (attachments[i] == key) {
                return attachments[i + 1];
            }
        }
        return null;
    }

    /**
     * Keeps value under key for as long as the session lives (a cache that must not outlive its client); returns
     * false, keeping nothing, when the session has ended.
     */
    public synchronized boolean attach(Object key, Object value) {
        if (closed) {
            return false;
        }
        for (int i = 0; i < attachments.length; i += 2) {
            if (attachments[i] == key) {
                attachments[i + 1] = value;
                return true;
            }
        }
        Object[] copy = new Object[attachments.length + 2];
        System.arraycopy(attachments, 0, copy, 0, attachments.length);
        copy[attachments.length] = key;
        copy[attachments.length + 1] = value;
        attachments = copy;
        return true;
    }

    public long id() {
        return id;
    }

    public boolean closed() {
        return closed;
    }

    /** Runs disarm when the session ends (at once if it has ended); the last registered runs first. */
    public void onClose(Runnable disarm) {
        synchronized (this) {
            if (!closed) {
                Runnable[] copy = new Runnable[listeners.length + 1];
                System.arraycopy(listeners, 0, copy, 0, listeners.length);
                copy[listeners.length] = disarm;
                listeners = copy;
                return;
            }
        }
        run(disarm);
    }

    /** Ends the session: every disarm runs once, each guarded (one that fails does not keep the others from running). */
    public void close() {
        Runnable[] todo;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            todo = listeners;
            listeners = new Runnable[0];
            attachments = new Object[0]; // its caches go with it
        }
        synchronized (LIVE_LOCK) {
            int at = -1;
            for (int i = 0; i < live.length; i++) {
                at = live[i] == this ? i : at;
            }
            if (at >= 0) {
                ClientSession[] copy = new ClientSession[live.length - 1];
                System.arraycopy(live, 0, copy, 0, at);
                System.arraycopy(live, at + 1, copy, at, live.length - at - 1);
                live = copy;
            }
        }
        for (int i = todo.length - 1; i >= 0; i--) {
            run(todo[i]);
        }
    }

    private static void run(Runnable disarm) {
        try {
            disarm.run();
        } catch (Throwable ignored) {
            // a disarm that fails must not keep the others from running, nor reach the application
        }
    }

    @Override
    public String toString() {
        return "session " + id + (closed ? " (ended)" : "");
    }
}
