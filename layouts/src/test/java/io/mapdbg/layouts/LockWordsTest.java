package io.mapdbg.layouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockWordsTest {

    @Test
    void treeBinStatesInWords() {
        assertThat(LockWords.treeBinState(0)).isEqualTo("lockState 0: free");
        assertThat(LockWords.treeBinState(1)).isEqualTo("lockState 1: writer");
        assertThat(LockWords.treeBinState(6)).isEqualTo("lockState 6: waiter, 1 reader");
        assertThat(LockWords.treeBinState(3 + 8)).isEqualTo("lockState 11: writer, waiter, 2 readers");
        assertThat(LockWords.treeBinState(12)).isEqualTo("lockState 12: 3 readers");
    }

    @Test
    void mapMonitorNotes() {
        assertThat(LockWords.wrapperNote("java.util.HashMap")).isEqualTo("synchronizedMap over java.util.HashMap");
        assertThat(LockWords.wrapperNote(null)).isNull();
        assertThat(LockWords.mayBeConcurrentBin("java.util.concurrent.ConcurrentHashMap$TreeBin")).isTrue();
        assertThat(LockWords.mayBeConcurrentBin("java.util.concurrent.ConcurrentHashMap")).isFalse();
    }

    @Test
    void synchronizersByTheirOuterClass() {
        assertThat(LockWords.synchronizer("java.util.concurrent.CountDownLatch$Sync", false, false, 1, 0, 0))
                .isEqualTo("CountDownLatch count 1");
        assertThat(LockWords.synchronizer("java.util.concurrent.Semaphore$NonfairSync", false, false, 3, 0, 0))
                .isEqualTo("Semaphore permits 3");
        assertThat(LockWords.synchronizer("java.util.concurrent.locks.ReentrantLock$FairSync", false, false, 2, 0, 0))
                .isEqualTo("ReentrantLock held 2x");
        assertThat(LockWords.synchronizer("java.util.concurrent.locks.ReentrantLock$NonfairSync", false, false, 0, 0, 0))
                .isEqualTo("ReentrantLock free");
        assertThat(LockWords.synchronizer("com.acme.Gate", false, false, 5, 0, 0)).isEqualTo("com.acme.Gate state 5");
        assertThat(LockWords.synchronizer("com.acme.Pool$Sync", false, true, 5, 0, 0)).isEqualTo("Pool state 5");
    }

    @Test
    void readWriteLocksCountBothHalvesOfTheirState() {
        String rrwl = "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync";
        assertThat(LockWords.synchronizer(rrwl, true, false, 1, 0, 0))
                .isEqualTo("ReentrantReadWriteLock: write lock held 1x, 0 read holds");
        assertThat(LockWords.synchronizer(rrwl, true, false, 3L << 16, 2, 3))
                .isEqualTo("ReentrantReadWriteLock: not write-locked, 3 read holds; 2 read holders found");
        assertThat(LockWords.synchronizer(rrwl, true, false, 3L << 16, 1, 1)).isEqualTo(
                "ReentrantReadWriteLock: not write-locked, 3 read holds; 1 read holder found (2 holds not traced to a thread)");
        assertThat(LockWords.synchronizer(rrwl, true, true, 1L << 32, 0, 0))
                .isEqualTo("ReentrantReadWriteLock: not write-locked, 1 read hold; read holders not visible");
        assertThat(LockWords.readHolds(false, (2L << 16) + 1)).isEqualTo(2);
        assertThat(LockWords.readHolds(true, (2L << 32) + 1)).isEqualTo(2);
    }
}
