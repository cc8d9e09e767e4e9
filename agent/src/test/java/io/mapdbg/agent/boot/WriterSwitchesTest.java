package io.mapdbg.agent.boot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unordered writes (WriterSwitches), driven step by step through the races --all marker from two threads that never
 * overlap: writers that change back and forth with no common lock are a race, with both stacks taken inside a
 * write; a common monitor or ReentrantLock, and a single hand-off, are not.
 */
class WriterSwitchesTest {
    private final Map<String, Integer> map = new HashMap<>();
    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();

    @BeforeEach
    void clean() {
        AllMarker.clear();
        MapHook.OVERLAPS.clear();
        OverlapStacks.handOverNanos = 0;
        WriterSwitches.checkGapNanos = 0;
        assertThat(WriterLocks.prepare()).isTrue();
    }

    @AfterEach
    void restore() {
        WriterSwitches.checkGapNanos = WriterSwitches.CHECK_GAP_NANOS;
        AllMarker.clear();
        MapHook.OVERLAPS.clear();
    }

    @Test
    void writersThatComeBackWithNoLockInCommonAreUnorderedWrites() throws Exception {
        write("a");
        onOtherThread("other-writer", () -> write("b"));
        assertThat(MapHook.OVERLAPS.snapshot()).as("one change of writer: a hand-off so far").isEmpty();
        WriterLocks.allowWalk();
        write("c"); // back to the first writer
        Overlap[] log = MapHook.OVERLAPS.snapshot();
        assertThat(log).hasSize(1);
        Overlap o = log[0];
        assertThat(o.kind).isEqualTo(Overlap.UNORDERED);
        assertThat(o.count()).isZero();
        assertThat(o.unordered()).isEqualTo(1);
        assertThat(o.threads).containsExactly(Thread.currentThread().getName(), "other-writer");
        assertThat(o.keys).containsExactly("c", "b"); // the key objects: previewed by the agent when it reports
        assertThat(o.otherStackInside()).isTrue();
        // each stack taken by its own thread inside its write (the hooks' frames left out): the test's write method
        assertThat(o.stacks[0][0].getClassName()).isEqualTo(WriterSwitchesTest.class.getName());
        assertThat(o.stacks[0][0].getMethodName()).isEqualTo("write");
        assertThat(o.stacks[1][0].getMethodName()).isEqualTo("write");
        assertThat(java.util.Arrays.toString(o.stacks[1])).contains("lambda");
    }

    @Test
    void aWriterComingBackIsReportedWithoutASecondLockWalk() throws Exception {
        write("a");
        WriterLocks.allowWalk();
        onOtherThread("other-writer", () -> write("b")); // decided here: no lock in common, a hand-off so far
        // no allowWalk: the walks' bound would leave a second check out (a burst of writes gives no other chance)
        write("c");
        assertThat(MapHook.OVERLAPS.snapshot()).hasSize(1);
        assertThat(MapHook.OVERLAPS.snapshot()[0].kind).isEqualTo(Overlap.UNORDERED);
    }

    @Test
    void writersUnderOneMonitorAreNot() throws Exception {
        Runnable guarded = () -> {
            synchronized (monitor) {
                write("m");
            }
        };
        for (int i = 0; i < 3; i++) {
            guarded.run();
            onOtherThread("other-writer", guarded);
        }
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    @Test
    void writersUnderOneReentrantLockAreNot() throws Exception {
        Runnable guarded = () -> {
            lock.lock();
            try {
                write("l");
            } finally {
                lock.unlock();
            }
        };
        for (int i = 0; i < 3; i++) {
            WriterLocks.allowWalk();
            guarded.run();
            WriterLocks.allowWalk();
            onOtherThread("other-writer", guarded);
        }
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    @Test
    void aMapHandedToAnotherThreadOnceIsNot() throws Exception {
        for (int i = 0; i < 5; i++) {
            write("fill-" + i);
        }
        WriterLocks.allowWalk();
        onOtherThread("taker", () -> {
            for (int i = 0; i < 5; i++) {
                write("take-" + i);
            }
        });
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    /** One write of the map as the hooks see it: the marker's entry and exit around it. */
    private void write(String key) {
        AllMarker.enter(map, key);
        AllMarker.exit(map, key);
    }

    private static void onOtherThread(String name, Runnable body) throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, name);
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(failed.get()).isNull();
    }
}
