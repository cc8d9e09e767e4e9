package io.mapdbg.agent.boot;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races --all marker's rules, driven step by step from two threads (its class in this JVM, not the bootstrap
 * copy; the sampler is never started: enter and exit are called directly, as the hooks do while it is on).
 */
class AllMarkerTest {
    private final Map<String, Integer> map = new HashMap<>();

    @BeforeEach
    void clean() {
        AllMarker.clear();
        MapHook.OVERLAPS.clear();
        OverlapStacks.handOverNanos = 0; // nobody hands a stack over in these steps unless a test says so
    }

    @Test
    void aSecondThreadEnteringWhileTheFirstIsInsideIsAnOverlapWithBothThreadsAndKeys() throws Exception {
        OverlapStacks.handOverNanos = 0; // the thread inside does not leave in time: its stack is not had
        AllMarker.enter(map, "mine");
        onOtherThread("other-writer", () -> {
            AllMarker.enter(map, "theirs");
            AllMarker.exit(map);
        });
        AllMarker.exit(map);
        Overlap o = only();
        assertThat(o.threads).containsExactly("other-writer", Thread.currentThread().getName());
        assertThat(o.keys).containsExactly("theirs", "mine");
        assertThat(o.mapId).isEqualTo(-1);
        assertThat(o.otherStackInside()).isFalse();
        // never a stack read from outside (it would show the thread starting or joining the other, not in the map)
        assertThat(o.stacks[1]).isEmpty();
        assertThat(java.util.Arrays.toString(o.stacks[0])).contains("lambda"); // the other thread's, in enter
    }

    @Test
    void theThreadInsideHandsOverItsOwnStackOnItsWayOut() throws Exception {
        OverlapStacks.handOverNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        AllMarker.enter(map, "mine");
        Thread other = new Thread(() -> {
            AllMarker.enter(map, "theirs"); // sees this thread inside, asks for its stack and waits for it
            AllMarker.exit(map);
        }, "other-writer");
        other.start();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (MapHook.OVERLAPS.begun() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(MapHook.OVERLAPS.begun()).as("the overlap is begun").isEqualTo(1);
        AllMarker.exit(map); // still inside the map until here: its stack is taken here and handed over
        other.join(20_000);
        Overlap o = only();
        assertThat(o.otherStackInside()).isTrue();
        assertThat(java.util.Arrays.toString(o.stacks[1])).contains("AllMarker.exit")
                .contains("theThreadInsideHandsOverItsOwnStackOnItsWayOut").doesNotContain("onSpinWait");
    }

    @Test
    void writesOneAfterTheOtherAreNot() throws Exception {
        AllMarker.enter(map, "a");
        AllMarker.exit(map);
        onOtherThread("other-writer", () -> {
            AllMarker.enter(map, "b");
            AllMarker.exit(map);
        });
        AllMarker.enter(map, "c"); // the slot's last writer is the other thread now: a shared map, held a little
        AllMarker.exit(map);
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    @Test
    void aNestedMutatorKeepsTheMarkUntilTheOutermostReturns() throws Exception {
        AllMarker.enter(map, "put");
        AllMarker.enter(map, null); // resize under the put
        AllMarker.exit(map);
        onOtherThread("other-writer", () -> {
            AllMarker.enter(map, "x");
            AllMarker.exit(map);
        });
        assertThat(MapHook.OVERLAPS.snapshot()).hasSize(1);
        AllMarker.exit(map);
        MapHook.OVERLAPS.clear();
        onOtherThread("other-writer", () -> {
            AllMarker.enter(map, "y");
            AllMarker.exit(map);
        });
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    @Test
    void aMarkLeftFromAnEarlierTurnIsNotAnOverlapButTwoWritersInsideAtOnceAreSeenOnLeaving() throws Exception {
        AllMarker.enter(map, "before");
        AllMarker.nextEpoch(); // the sampler turned the marker off and on again while this thread was inside
        onOtherThread("other-writer", () -> AllMarker.enter(map, "after")); // claims the slot, stays inside
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
        AllMarker.exit(map); // still inside map, and the other thread is too: that is seen now
        Overlap o = only();
        assertThat(o.threads).containsExactly(Thread.currentThread().getName(), "other-writer");
        assertThat(o.keys[1]).isEqualTo("after");
    }

    @Test
    void differentMapsAreNotOverlaps() throws Exception {
        Map<String, Integer> another = new HashMap<>();
        AllMarker.enter(map, "a");
        onOtherThread("other-writer", () -> {
            AllMarker.enter(another, "b");
            AllMarker.exit(another);
        });
        AllMarker.exit(map);
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    private static Overlap only() {
        Overlap[] all = MapHook.OVERLAPS.snapshot();
        assertThat(all).hasSize(1);
        return all[0];
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
        assertThat(t.isAlive()).as("the other thread finished").isFalse();
        assertThat(failed.get()).isNull();
    }
}
