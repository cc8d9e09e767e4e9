package io.mapdbg.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which top frames are a thread idling for work (left out of threads --blocked) and which are a thread stuck. */
class IdleWaitsTest {

    private static boolean idle(String... frames) {
        List<String> classes = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (String f : frames) {
            int dot = f.lastIndexOf('.');
            classes.add(f.substring(0, dot));
            methods.add(f.substring(dot + 1));
        }
        return IdleWaits.idle(classes, methods);
    }

    @Test
    void poolWorkersWaitingForWorkAreIdle() {
        assertThat(idle("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                "java.util.concurrent.LinkedBlockingQueue.take", "java.util.concurrent.ThreadPoolExecutor.getTask")).isTrue();
        assertThat(idle("java.util.concurrent.LinkedTransferQueue$DualNode.await",
                "java.util.concurrent.LinkedTransferQueue.xfer", "java.util.concurrent.SynchronousQueue.xfer",
                "java.util.concurrent.SynchronousQueue.poll")).isTrue();
        assertThat(idle("jdk.internal.misc.Unsafe.park", "java.util.concurrent.ForkJoinPool.awaitWork")).isTrue();
    }

    @Test
    void referenceAndTimerThreadsAreIdle() {
        assertThat(idle("java.lang.Object.wait0", "java.lang.Object.wait", "java.lang.ref.ReferenceQueue.remove0",
                "java.lang.ref.ReferenceQueue.remove", "java.lang.ref.Finalizer$FinalizerThread.run")).isTrue();
        assertThat(idle("java.lang.Object.wait", "java.util.TimerThread.mainLoop", "java.util.TimerThread.run")).isTrue();
    }

    @Test
    void producersOnAFullQueueAndLockWaitersAreNotIdle() {
        assertThat(idle("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                "java.util.concurrent.ArrayBlockingQueue.put", "com.acme.Producer.run")).isFalse();
        assertThat(idle("java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                "java.util.concurrent.locks.ReentrantLock.lock", "com.acme.Cache.load")).isFalse();
        assertThat(idle("java.util.concurrent.CountDownLatch.await", "com.acme.Orders.settle")).isFalse();
        assertThat(idle()).isFalse();
    }
}
