package io.mapdbg.agent.threads;

import io.mapdbg.agent.ModuleAccess;
import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.channel.ControlChannel;
import io.mapdbg.agent.channel.Reply;
import io.mapdbg.agent.channel.Request;
import io.mapdbg.agent.channel.RequestHandler;
import io.mapdbg.agent.layout.MapLocks;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * The request {@code threads}: every thread with its state and frames, from the JVM's own thread dump (no pause
 * of the application), and with {@code blocked=true} what each waiting thread waits on: the lock, its owner, and
 * the map and bin the lock belongs to where a static field reaches that map.
 */
public final class ThreadRequests {
    private ThreadRequests() {
    }

    public static void register(ControlChannel channel, final Instrumentation inst) {
        channel.register("threads", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                dump(inst, request.intArg("depth", 0), request.flag("blocked"), reply.out());
            }
        });
    }

    static void dump(Instrumentation inst, int depth, boolean blocked, DataOutputStream out) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long started = System.nanoTime();
        ThreadInfo[] infos = mx.dumpAllThreads(blocked && mx.isObjectMonitorUsageSupported(),
                blocked && mx.isSynchronizerUsageSupported());
        long took = System.nanoTime() - started;
        Thread[] threads = allThreads();
        out.writeLong(took);
        int n = 0;
        for (ThreadInfo info : infos) {
            if (info != null) {
                n++;
            }
        }
        out.writeInt(n);
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            Thread t = byId(threads, info.getThreadId());
            out.writeLong(info.getThreadId());
            out.writeUTF(info.getThreadName());
            out.writeUTF(info.getThreadState().name());
            out.writeBoolean(t != null && t.isDaemon());
            StackTraceElement[] stack = info.getStackTrace();
            out.writeInt(stack.length);
            int shown = depth <= 0 ? stack.length : Math.min(depth, stack.length);
            out.writeInt(shown);
            for (int i = 0; i < shown; i++) {
                StackTraceElement f = stack[i];
                out.writeUTF(f.getClassName());
                out.writeUTF(f.getMethodName());
                out.writeBoolean(f.getFileName() != null);
                if (f.getFileName() != null) {
                    out.writeUTF(f.getFileName());
                }
                out.writeInt(f.getLineNumber());
                out.writeBoolean(f.isNativeMethod());
            }
        }
        if (!blocked) {
            return;
        }
        MapLocks maps = null;
        int waits = 0;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        DataOutputStream w = new DataOutputStream(buffer);
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            Thread t = byId(threads, info.getThreadId());
            Thread.State state = info.getThreadState();
            LockInfo monitor = info.getLockInfo();
            Object blocker = t == null ? null : LockSupport.getBlocker(t);
            String kind;
            String lockClass;
            Object lockObject = null;
            int identity;
            String detail = null;
            long owner = -1;
            if (state == Thread.State.BLOCKED && monitor != null) {
                kind = "monitor";
                lockClass = monitor.getClassName();
                identity = monitor.getIdentityHashCode();
                owner = info.getLockOwnerId();
            } else if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && blocker != null) {
                lockObject = blocker;
                lockClass = blocker.getClass().getName();
                identity = System.identityHashCode(blocker);
                if (MapLocks.isTreeBin(blocker)) {
                    kind = "treebin";
                    detail = MapLocks.treeBinState(blocker) + "; owner unknown (a TreeBin has no owner field)";
                } else if (blocker instanceof AbstractQueuedSynchronizer) {
                    kind = "synchronizer";
                    detail = Synchronizers.detail((AbstractQueuedSynchronizer) blocker);
                    Thread o = Synchronizers.owner((AbstractOwnableSynchronizer) blocker);
                    owner = o == null ? -1 : o.getId();
                } else {
                    kind = "other";
                }
            } else if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && monitor != null) {
                kind = "monitor";
                lockClass = monitor.getClassName();
                identity = monitor.getIdentityHashCode();
                detail = "Object.wait()";
            } else {
                continue;
            }
            if (maps == null) {
                maps = new MapLocks(inst);
            }
            MapLocks.Found found;
            try {
                found = lockObject != null ? maps.byObject(lockObject) : maps.byIdentity(lockClass, identity);
            } catch (RuntimeException e) {
                found = null;
            }
            if (found != null) {
                lockObject = found.lock;
            }
            waits++;
            w.writeLong(info.getThreadId());
            w.writeUTF(kind);
            w.writeUTF(lockClass);
            w.writeUTF(lockClass + "@" + Integer.toHexString(identity)); // the key that groups waiters per lock
            w.writeLong(lockObject != null ? ObjectIds.get().idOf(lockObject) : identity);
            writeNullable(w, detail);
            w.writeLong(owner);
            w.writeBoolean(found != null);
            if (found != null) {
                w.writeLong(found.mapId());
                w.writeUTF(found.map.getClass().getName());
                writeNullable(w, found.path);
                w.writeInt(found.bin);
                writeNullable(w, found.note);
            }
        }
        w.flush();
        out.writeInt(waits);
        buffer.writeTo(out);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
        }
    }

    private static Thread byId(Thread[] threads, long id) {
        for (Thread t : threads) {
            if (t != null && t.getId() == id) {
                return t;
            }
        }
        return null;
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        Thread[] exact = new Thread[n];
        System.arraycopy(threads, 0, exact, 0, n);
        return exact;
    }

    /** Owners and states of j.u.c synchronizers, read from their fields. */
    static final class Synchronizers {
        private static Field ownerField;
        private static Field stateField;

        private Synchronizers() {
        }

        static synchronized Thread owner(AbstractOwnableSynchronizer sync) {
            try {
                if (ownerField == null) {
                    ModuleAccess.open(AbstractOwnableSynchronizer.class);
                    ownerField = AbstractOwnableSynchronizer.class.getDeclaredField("exclusiveOwnerThread");
                    ownerField.setAccessible(true);
                }
                return (Thread) ownerField.get(sync);
            } catch (Throwable e) {
                return null;
            }
        }

        static synchronized String detail(AbstractQueuedSynchronizer sync) {
            int state;
            try {
                if (stateField == null) {
                    ModuleAccess.open(AbstractQueuedSynchronizer.class);
                    stateField = AbstractQueuedSynchronizer.class.getDeclaredField("state");
                    stateField.setAccessible(true);
                }
                state = stateField.getInt(sync);
            } catch (Throwable e) {
                return null;
            }
            String cls = sync.getClass().getName();
            String outer = cls.contains("$") ? cls.substring(cls.lastIndexOf('.') + 1, cls.indexOf('$')) : cls;
            if (outer.equals("ReentrantReadWriteLock")) {
                int reads = state >>> 16;
                int writes = state & 0xffff;
                return "ReentrantReadWriteLock: " + (writes > 0 ? "write lock held " + writes + "x" : "not write-locked")
                        + ", " + reads + " read hold" + (reads == 1 ? "" : "s")
                        + (reads > 0 ? "; read holders not visible" : "");
            }
            if (outer.equals("CountDownLatch")) {
                return "CountDownLatch count " + state;
            }
            if (outer.equals("Semaphore")) {
                return "Semaphore permits " + state;
            }
            if (outer.equals("ReentrantLock")) {
                return "ReentrantLock" + (state > 0 ? " held " + state + "x" : " free");
            }
            return outer + " state " + state;
        }
    }
}
