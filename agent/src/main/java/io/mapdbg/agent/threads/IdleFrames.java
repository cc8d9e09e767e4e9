package io.mapdbg.agent.threads;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The client's two judgements on a waiting thread's frames, made here so that the agent walks only the stacks a
 * blocked report shows: an idle wait (the same rule as debugger-cli's {@code io.mapdbg.locks.IdleWaits}, which
 * decides what the report shows; if the two ever differ, a shown waiter lacks its frame or an idle one costs a
 * stack walk, nothing worse) and the frame where a thread waits ({@code io.mapdbg.locks.WaitingFrame}).
 */
final class IdleFrames {
    private static final Set<String> IDLE_CLASSES = new HashSet<String>(Arrays.asList("java.lang.ref.ReferenceQueue",
            "java.util.TimerThread", "jdk.internal.ref.CleanerImpl", "java.lang.ref.Reference",
            "java.lang.ref.Finalizer$FinalizerThread"));
    private static final Set<String> WORK_QUEUES = new HashSet<String>(Arrays.asList(
            "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.DelayQueue", "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.LinkedTransferQueue", "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue"));
    private static final String[] MACHINERY = {"java.util.concurrent.locks.", "jdk.internal.misc.", "sun.misc."};

    private IdleFrames() {
    }

    /** True when the frames (top first) show a thread idling for work. */
    static boolean idle(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            String m = f.getMethodName();
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

    /** Index of the frame where the thread waits: the first outside the parking machinery, else 0 (-1: none). */
    static int waitingFrame(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            String c = frames[i].getClassName();
            if (c.equals("java.lang.Object") || machinery(c)) {
                continue;
            }
            return i;
        }
        return frames.length == 0 ? -1 : 0;
    }

    private static boolean machinery(String c) {
        for (String p : MACHINERY) {
            if (c.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
