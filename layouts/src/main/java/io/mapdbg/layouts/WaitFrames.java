package io.mapdbg.layouts;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The two judgements on a waiting thread's frames (declaring class and method name of each, top first), made the
 * same way by the CLI over JDWP and by the agent over live stacks. An idle wait is a thread idling for work, not
 * stuck on a lock: pool workers taking from an empty queue ({@code LinkedBlockingQueue.take},
 * {@code SynchronousQueue.poll}, {@code ForkJoinPool.awaitWork}...), the JVM's reference threads on their
 * {@code ReferenceQueue}, {@code Timer} threads between tasks; {@code threads --blocked} leaves them out unless
 * {@code --all-waits}. The waiting frame is the first outside the parking machinery.
 */
public final class WaitFrames {
    /** A frame of one of these classes anywhere in the top frames marks an idle wait. */
    private static final Set<String> IDLE_CLASSES = new HashSet<String>(Arrays.asList("java.lang.ref.ReferenceQueue",
            "java.util.TimerThread", "jdk.internal.ref.CleanerImpl", "java.lang.ref.Reference",
            "java.lang.ref.Finalizer$FinalizerThread"));

    /** Queues a consumer waits on for work: idle in take/poll, stuck (not idle) in put/offer on a full queue. */
    private static final Set<String> WORK_QUEUES = new HashSet<String>(Arrays.asList(
            "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.DelayQueue", "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue"));

    /** Packages of the parking machinery (with Object.wait): a thread waits in the first frame outside them. */
    private static final String[] MACHINERY = {"java.util.concurrent.locks.", "jdk.internal.misc.", "sun.misc."};

    private WaitFrames() {
    }

    /** True when the frames (declaring classes and method names, top first, as long as each other) show an idle wait. */
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

    /** Index into classes (declaring classes, top first) of the frame where the thread waits; 0 when all are machinery, -1 when empty. */
    public static int waitingFrame(List<String> classes) {
        for (int i = 0; i < classes.size(); i++) {
            String c = classes.get(i);
            if (!c.equals("java.lang.Object") && !machinery(c)) {
                return i;
            }
        }
        return classes.isEmpty() ? -1 : 0;
    }

    private static boolean machinery(String className) {
        for (String prefix : MACHINERY) { // a loop, not a stream: no lambda to link on a short client's first call
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
