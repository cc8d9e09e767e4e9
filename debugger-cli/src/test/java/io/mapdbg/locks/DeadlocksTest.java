package io.mapdbg.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlocksTest {
    @Test
    void findsEachCycleOnceStartingAtItsSmallestThread() {
        // 1 -> 2 -> 1 (a cycle), 3 -> 1 (waits on a deadlocked thread, not in the cycle), 7 -> 5 -> 6 -> 7, 8 -> 9 (chain)
        var cycles = Deadlocks.cycles(Deadlocks.edges(1, 2, 2, 1, 3, 1, 7, 5, 5, 6, 6, 7, 8, 9));
        assertThat(cycles).containsExactlyInAnyOrder(List.of(1L, 2L), List.of(5L, 6L, 7L));
    }

    @Test
    void noCycleInAChain() {
        assertThat(Deadlocks.cycles(Deadlocks.edges(1, 2, 2, 3))).isEmpty();
    }

    @Test
    void waitingFrameSkipsTheParkingMachinery() {
        assertThat(WaitingFrame.pick(List.of("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.LockSupport",
                "java.util.concurrent.locks.ReentrantLock", "com.acme.Orders"))).isEqualTo(3);
        assertThat(WaitingFrame.pick(List.of("java.util.concurrent.ConcurrentHashMap"))).isZero();
        assertThat(WaitingFrame.pick(List.of("jdk.internal.misc.Unsafe"))).isZero();
        assertThat(WaitingFrame.pick(List.of())).isEqualTo(-1);
    }
}
