package io.mapdbg.agent.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapdbg.locks.IdleWaits;
import io.mapdbg.locks.WaitingFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The agent applies the client's two frame rules (which waits idle, which frame a thread waits in; both in the
 * layouts module) to live stacks to decide which stacks it walks for a blocked report: read through its stack
 * view, it must judge every stack as the client does.
 */
class IdleFramesParityTest {
    private static final String[] CLASSES = {"java.lang.ref.ReferenceQueue", "java.util.TimerThread",
            "jdk.internal.ref.CleanerImpl", "java.lang.ref.Reference", "java.lang.ref.Finalizer$FinalizerThread",
            "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.DelayQueue", "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.LinkedTransferQueue", "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue",
            "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool", "java.lang.Object",
            "java.util.concurrent.locks.LockSupport", "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
            "jdk.internal.misc.Unsafe", "sun.misc.Unsafe", "java.util.concurrent.CountDownLatch", "java.lang.Thread",
            "com.acme.Orders", "java.util.concurrent.ConcurrentHashMap", "java.util.Hashtable"};
    private static final String[] METHODS = {"take", "takeFirst", "poll", "pollFirst", "put", "offer", "getTask",
            "awaitWork", "runWorker", "run", "wait", "park", "await", "remove", "mainLoop", "putVal"};

    @Test
    void theAgentJudgesEveryStackAsTheClientDoes() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            int depth = random.nextInt(11);
            StackTraceElement[] stack = new StackTraceElement[depth];
            List<String> classes = new ArrayList<>();
            List<String> methods = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                String c = CLASSES[random.nextInt(CLASSES.length)];
                String m = METHODS[random.nextInt(METHODS.length)];
                stack[i] = new StackTraceElement(c, m, null, -1);
                classes.add(c);
                methods.add(m);
            }
            assertThat(IdleFrames.idle(stack)).as("%s %s", classes, methods)
                    .isEqualTo(!classes.isEmpty() && IdleWaits.idle(classes, methods));
            assertThat(IdleFrames.waitingFrame(stack)).as("%s", classes).isEqualTo(WaitingFrame.pick(classes));
        }
    }
}
