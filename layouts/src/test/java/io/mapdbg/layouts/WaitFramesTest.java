package io.mapdbg.layouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaitFramesTest {

    @Test
    void workersTakingFromAQueueIdleButProducersPuttingDoNot() {
        assertThat(WaitFrames.idle(List.of("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.LockSupport",
                "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.ThreadPoolExecutor"),
                List.of("park", "park", "take", "getTask"))).isTrue();
        assertThat(WaitFrames.idle(List.of("java.util.concurrent.locks.LockSupport",
                "java.util.concurrent.ArrayBlockingQueue", "com.acme.Producer"), List.of("park", "put", "run")))
                .isFalse();
        assertThat(WaitFrames.idle(List.of("java.lang.Object", "java.lang.ref.ReferenceQueue"),
                List.of("wait", "remove"))).isTrue();
        assertThat(WaitFrames.idle(List.of("java.util.concurrent.ForkJoinPool"), List.of("awaitWork"))).isTrue();
        assertThat(WaitFrames.idle(List.of(), List.of())).isFalse();
    }

    @Test
    void theWaitingFrameIsTheFirstOutsideTheParkingMachinery() {
        assertThat(WaitFrames.waitingFrame(List.of("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.LockSupport",
                "java.lang.Object", "com.acme.Orders"))).isEqualTo(3);
        assertThat(WaitFrames.waitingFrame(List.of("sun.misc.Unsafe", "java.lang.Object"))).isZero();
        assertThat(WaitFrames.waitingFrame(List.of())).isEqualTo(-1);
    }
}
