package io.mapdbg.agent.threads;

import io.mapdbg.agent.ModuleAccess;
import io.mapdbg.agent.channel.ControlChannel;
import io.mapdbg.agent.channel.Reply;
import io.mapdbg.agent.channel.Request;
import io.mapdbg.agent.channel.RequestHandler;
import io.mapdbg.layouts.LockWords;
import io.mapdbg.layouts.ReadHolds;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

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
                if (request.flag("blocked") && request.flag("waitingFrames")) {
                    BlockedDump.write(inst, request.intArg("depth", 0), request.flag("allWaits"), reply.out());
                } else {
                    dump(inst, request.intArg("depth", 0), request.flag("blocked"), request.flag("relevantFrames"), reply.out());
                }
            }
        });
    }

    /**
     * The dump; with {@code blocked} the waits after the threads. With {@code relevantOnly} (and blocked) frames
     * are written only for the threads that wait on a lock or own one: the others go with their name and state.
     */
    static void dump(Instrumentation inst, int depth, boolean blocked, boolean relevantOnly, DataOutputStream out)
            throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long started = System.nanoTime();
        ThreadInfo[] infos = relevantOnly && blocked ? shallow(mx, depth)
                : mx.dumpAllThreads(blocked && mx.isObjectMonitorUsageSupported(), blocked && mx.isSynchronizerUsageSupported());
        long took = System.nanoTime() - started;
        Map<Long, Thread> threads = allThreads();
        Waits waits = blocked ? Waits.of(inst, infos, threads) : null;
        if (waits != null) {
            waits.valueEntries(java.util.Collections.<String>emptySet());
        }
        Set<Long> relevant = new HashSet<Long>();
        if (waits != null) {
            for (Waits.Wait w : waits.waits) {
                relevant.add(w.thread);
                if (w.lock.owner >= 0) {
                    relevant.add(w.lock.owner);
                }
                for (long r : w.lock.readers) {
                    relevant.add(r);
                }
            }
        }
        out.writeLong(took);
        out.writeInt(present(infos));
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            int shown = depth <= 0 ? stack.length : Math.min(depth, stack.length);
            if (relevantOnly && blocked && !relevant.contains(info.getThreadId())) {
                shown = 0;
            }
            writeThread(out, info, threads.get(info.getThreadId()), stack, shown);
        }
        if (!blocked) {
            return;
        }
        waits.write(out);
    }

    /** How many of infos are there (a thread that ended before the dump has none). */
    static int present(ThreadInfo[] infos) {
        int n = 0;
        for (ThreadInfo info : infos) {
            if (info != null) {
                n++;
            }
        }
        return n;
    }

    /** One thread of a reply: id, name, state, daemon, the stack's depth and its top shown frames. */
    static void writeThread(DataOutputStream out, ThreadInfo info, Thread t, StackTraceElement[] stack, int shown)
            throws IOException {
        out.writeLong(info.getThreadId());
        out.writeUTF(info.getThreadName());
        out.writeUTF(info.getThreadState().name());
        out.writeBoolean(t != null && t.isDaemon());
        out.writeInt(stack.length);
        out.writeInt(shown);
        for (int i = 0; i < shown; i++) {
            writeFrame(out, stack[i]);
        }
    }

    static void writeFrame(DataOutputStream out, StackTraceElement f) throws IOException {
        out.writeUTF(f.getClassName());
        out.writeUTF(f.getMethodName());
        out.writeBoolean(f.getFileName() != null);
        if (f.getFileName() != null) {
            out.writeUTF(f.getFileName());
        }
        out.writeInt(f.getLineNumber());
        out.writeBoolean(f.isNativeMethod());
    }

    /**
     * The dump a blocked report needs: what each thread waits on and who owns it come with every ThreadInfo; the
     * monitors and synchronizers each thread holds are not needed (the synchronizers cost a heap walk in the
     * safepoint), nor frames below depth (dumpAllThreads with maxDepth, Java 10+, called reflectively: --release 8).
     */
    private static ThreadInfo[] shallow(ThreadMXBean mx, int depth) {
        if (depth > 0) {
            try {
                java.lang.reflect.Method m = ThreadMXBean.class.getMethod("dumpAllThreads", boolean.class, boolean.class,
                        int.class);
                return (ThreadInfo[]) m.invoke(mx, false, false, depth);
            } catch (ReflectiveOperationException e) {
                // Java 8 target: full stacks
            }
        }
        return mx.dumpAllThreads(false, false);
    }

    static Map<Long, Thread> allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        Map<Long, Thread> byId = new HashMap<Long, Thread>(n * 2);
        for (int i = 0; i < n; i++) {
            byId.put(threads[i].getId(), threads[i]);
        }
        return byId;
    }

    /** Owners and states of j.u.c synchronizers, read from their fields. */
    static final class Synchronizers {
        private static Field ownerField;
        private static Field stateField;
        private static Field longStateField;

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

        /**
         * The synchronizer's state in words, as the JDWP path writes it; for a ReentrantReadWriteLock with read holds
         * the read holders found (see {@link ReadHolders}) are added to readers.
         */
        static synchronized String detail(AbstractOwnableSynchronizer sync, Map<Long, Thread> threads,
                                          java.util.List<Thread> readers) {
            long state;
            boolean wide = !(sync instanceof AbstractQueuedSynchronizer);
            try {
                if (wide) {
                    if (longStateField == null) {
                        ModuleAccess.open(AbstractQueuedLongSynchronizer.class);
                        longStateField = AbstractQueuedLongSynchronizer.class.getDeclaredField("state");
                        longStateField.setAccessible(true);
                    }
                    state = longStateField.getLong(sync);
                } else {
                    if (stateField == null) {
                        ModuleAccess.open(AbstractQueuedSynchronizer.class);
                        stateField = AbstractQueuedSynchronizer.class.getDeclaredField("state");
                        stateField.setAccessible(true);
                    }
                    state = stateField.getInt(sync);
                }
            } catch (Throwable e) {
                return null;
            }
            String cls = sync.getClass().getName();
            boolean readWrite = LockWords.outerName(cls).equals("ReentrantReadWriteLock");
            int holders = 0;
            int holds = 0;
            if (readWrite && LockWords.readHolds(wide, state) > 0) {
                ReadHolds.Holders<Thread> found = ReadHolders.of(sync, threads);
                readers.addAll(found.readers());
                holders = found.readers().size();
                holds = found.holds();
            }
            return LockWords.synchronizer(cls, readWrite, wide, state, holders, holds);
        }
    }
}
