package io.mapdbg.locks;

import java.util.List;
import java.util.Set;

/**
 * Waits that are a thread idling for work, not a thread stuck on a lock: pool workers taking from an empty queue
 * ({@code LinkedBlockingQueue.take}, {@code SynchronousQueue.poll}, {@code ForkJoinPool.awaitWork}...), the JVM's
 * reference threads on their {@code ReferenceQueue}, {@code Timer} threads between tasks. {@code threads --blocked}
 * leaves them out unless {@code --all-waits}. Decided from the top frames (class and method names, top first).
 */
public final class IdleWaits {
    /** A frame of one of these classes anywhere in the top frames marks an idle wait. */
    private static final Set<String> IDLE_CLASSES = Set.of("java.lang.ref.ReferenceQueue", "java.util.TimerThread",
            "jdk.internal.ref.CleanerImpl", "java.lang.ref.Reference", "java.lang.ref.Finalizer$FinalizerThread");

    /** Queues a consumer waits on for work: idle in take/poll, stuck (not idle) in put/offer on a full queue. */
    private static final Set<String> WORK_QUEUES = Set.of("java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.LinkedBlockingDeque", "java.util.concurrent.ArrayBlockingQueue",
            "java.util.concurrent.PriorityBlockingQueue", "java.util.concurrent.DelayQueue",
            "java.util.concurrent.SynchronousQueue", "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue");

    private IdleWaits() {
    }

    /** True when frames (declaring class and method name of each, top first) show an idle wait. */
    public static boolean idle(List<String> classes, List<String> methods) {
        for (int i = 0; i < classes.size(); i++) {
            String c = classes.get(i);
            String m = methods.get(i);
            if (IDLE_CLASSES.contains(c)) {
                return true;
            }
            if (WORK_QUEUES.contains(c) && (m.startsWith("take") || m.startsWith("poll"))) {
                return true;
            }
            if (c.equals("java.util.concurrent.ThreadPoolExecutor") && m.equals("getTask")) {
                return true;
            }
            if (c.equals("java.util.concurrent.ForkJoinPool") && (m.equals("awaitWork") || m.equals("runWorker"))) {
                return true;
            }
        }
        return false;
    }
}
