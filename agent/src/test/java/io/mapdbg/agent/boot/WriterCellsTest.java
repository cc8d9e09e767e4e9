package io.mapdbg.agent.boot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races --all cells' rules, driven step by step (the class in this JVM, not the bootstrap copy; the sampler
 * thread is never started: its steps, sample and nextTurn, are called here).
 */
class WriterCellsTest {
    private final Map<String, Integer> map = new HashMap<>();

    @BeforeEach
    void open() {
        AllMarker.clear();
        MapHook.OVERLAPS.clear();
        OverlapStacks.handOverNanos = 0;
        WriterCells.open(true);
    }

    @AfterEach
    void shut() {
        AllMarker.clear(); // shuts the cells too
        MapHook.OVERLAPS.clear();
    }

    @Test
    void aMapWrittenByOneThreadNeverGoesHot() throws Exception {
        for (int turn = 0; turn < 3; turn++) {
            for (int i = 0; i < 5; i++) {
                write(map, "k"); // only this thread writes map
                onOtherThread("other-writer", () -> write(new HashMap<String, Integer>(), "k")); // and a map of its own
                WriterCells.sample();
            }
            WriterCells.nextTurn();
            assertThat(WriterCells.hot).containsOnlyNulls();
        }
    }

    @Test
    void aMapWrittenByTwoThreadsGoesHotAndItsWritesAreThenWrappedForTheMarker() throws Exception {
        write(map, "mine");
        assertThat(WriterCells.enter(map, "mine")).as("not hot yet: not wrapped").isFalse();
        onOtherThread("other-writer", () -> write(map, "theirs"));
        WriterCells.sample();
        WriterCells.nextTurn();
        assertThat(WriterCells.hot[0]).isSameAs(map);

        assertThat(WriterCells.enter(map, "mine")).as("hot: wrapped").isTrue();
        assertThat(WriterCells.enter(map, "mine")).as("the wrap's own second call runs the method").isFalse();
        onOtherThread("other-writer", () -> write(map, "theirs"));
        WriterCells.exitHot(map, "mine");
        Overlap[] overlaps = MapHook.OVERLAPS.snapshot();
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps[0].threads).containsExactly("other-writer", Thread.currentThread().getName());
        assertThat(overlaps[0].keys).containsExactly("theirs", "mine");
    }

    @Test
    void moreCandidatesThanHotPlacesTakeTurns() throws Exception {
        List<Map<String, Integer>> shared = new ArrayList<>();
        for (int i = 0; i < WriterCells.HOT + 2; i++) {
            Map<String, Integer> m = new HashMap<>();
            write(m, "a");
            onOtherThread("other-writer", () -> write(m, "b"));
            WriterCells.sample();
            shared.add(m);
        }
        Set<Object> hotInTwoTurns = new HashSet<>();
        WriterCells.nextTurn();
        assertThat(WriterCells.hot).doesNotContainNull();
        hotInTwoTurns.addAll(Arrays.asList(WriterCells.hot));
        WriterCells.nextTurn();
        hotInTwoTurns.addAll(Arrays.asList(WriterCells.hot));
        assertThat(hotInTwoTurns).containsAll(shared);
    }

    @Test
    void aHotMapWhoseWriterStopsChangingIsCooledAndOneStillSharedStays() throws Exception {
        Map<String, Integer> handedOff = new HashMap<>();
        write(map, "a");
        onOtherThread("other-writer", () -> write(map, "b"));
        WriterCells.sample();
        onOtherThread("filler", () -> write(handedOff, "fill"));
        write(handedOff, "taken"); // this thread takes it over
        WriterCells.sample();
        WriterCells.nextTurn();
        assertThat(isHot(map) && isHot(handedOff)).as("both hot").isTrue();
        for (int turn = 0; turn < WriterCells.IDLE_TURNS; turn++) {
            write(map, "mine"); // map's writers keep taking turns; handedOff is written by its taker only
            write(handedOff, "taker's");
            onOtherThread("other-writer", () -> write(map, "theirs"));
            WriterCells.nextTurn();
        }
        assertThat(isHot(map)).as("still shared: still hot").isTrue();
        assertThat(isHot(handedOff)).as("written by its taker only: cooled").isFalse();
    }

    @Test
    void writesOneAfterTheOtherOfAHotMapAreNotOverlaps() throws Exception {
        WriterCells.makeHot(map);
        for (int i = 0; i < 5; i++) {
            write(map, "mine");
            onOtherThread("other-writer", () -> write(map, "theirs"));
        }
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    @Test
    void aWriteNestedInAWrappedOneIsNotWrappedAgain() throws Exception {
        Map<String, Integer> other = new HashMap<>();
        WriterCells.makeHot(map, other);
        assertThat(WriterCells.enter(map, "outer")).isTrue();
        assertThat(WriterCells.enter(map, "inner")).isFalse();
        assertThat(WriterCells.enter(other, "a write of another map inside this one")).isFalse();
        WriterCells.exitHot(map, "outer");
        assertThat(WriterCells.enter(other, "after")).as("the wrap has ended").isTrue();
        WriterCells.exitHot(other, "after");
    }

    @Test
    void aThreadSharingTheCellOfAWrappedWriteNeitherWrapsNorEndsIt() throws Exception {
        WriterCells.makeHot(map);
        AtomicReference<Boolean> sharerWrapped = new AtomicReference<>();
        Thread sharer = threadSharingMyCell(() -> sharerWrapped.set(WriterCells.enter(map, "x")));
        assertThat(WriterCells.enter(map, "mine")).isTrue();
        sharer.start();
        sharer.join(10_000);
        assertThat(sharer.isAlive()).isFalse();
        assertThat(sharerWrapped.get()).isFalse();
        assertThat(WriterCells.enter(map, "mine")).as("still in the wrapped write").isFalse();
        WriterCells.exitHot(map, "mine");
        assertThat(WriterCells.enter(map, "again")).isTrue();
        WriterCells.exitHot(map, "again");
    }

    @Test
    void anOverlapSeenOnTheWayOutShowsTheLeavingThreadsKey() throws Exception {
        WriterCells.makeHot(map);
        assertThat(WriterCells.enter(map, "before")).isTrue();
        AllMarker.nextEpoch(); // a new turn while this thread is inside: its claim no longer counts
        Inside other = Inside.enter(map, "after"); // claims the slot, stays inside until closed
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
        WriterCells.exitHot(map, "before"); // leaving, this thread finds the other one inside
        other.close();
        Overlap[] overlaps = MapHook.OVERLAPS.snapshot();
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps[0].threads).containsExactly(Thread.currentThread().getName(), "other-writer");
        assertThat(overlaps[0].keys).containsExactly("before", "after");
    }

    @Test
    void aWriteLeftInsideByAnEarlierTurnIsNotAnOverlap() throws Exception {
        WriterCells.makeHot(map);
        try (Inside stale = Inside.enter(map, "stale")) { // inside since the turn before
            AllMarker.nextEpoch();
            onOtherThread("other-writer", () -> write(map, "theirs"));
            assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
            onOtherThread("other-writer", () -> {
                assertThat(WriterCells.enter(map, "held")).isTrue(); // claims the slot in this turn
                try {
                    onOtherThread("third-writer", () -> write(map, "meets it"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                } finally {
                    WriterCells.exitHot(map, "held");
                }
            });
            assertThat(MapHook.OVERLAPS.snapshot()).as("two threads inside in this turn").hasSize(1);
        }
    }

    @Test
    void theGateShutMarksNothingAndAWrapOutlivingItStillEnds() throws Exception {
        WriterCells.makeHot(map);
        WriterCells.open(false);
        long before = WriterCells.SEQ[cellOf(Thread.currentThread())];
        assertThat(WriterCells.enter(map, "k")).isFalse();
        assertThat(WriterCells.SEQ[cellOf(Thread.currentThread())]).isEqualTo(before);
        WriterCells.open(true);
        assertThat(WriterCells.enter(map, "k")).isTrue();
        WriterCells.open(false); // the turn ends while this write is inside
        WriterCells.exitHot(map, "k");
        WriterCells.open(true);
        assertThat(WriterCells.enter(map, "k")).as("the wrap ended: a new write is wrapped").isTrue();
        WriterCells.exitHot(map, "k");
    }

    /** A thread named other-writer inside a write of a map (entered, not left) until closed; close waits for it. */
    private static final class Inside implements AutoCloseable {
        final Thread thread;
        private final CountDownLatch leave = new CountDownLatch(1);

        private Inside(Object m, Object key) throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(1);
            thread = new Thread(() -> {
                boolean wrapped = WriterCells.enter(m, key);
                inside.countDown();
                try {
                    leave.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (wrapped) {
                    WriterCells.exitHot(m, key);
                }
            }, "other-writer");
            thread.start();
            assertThat(inside.await(10, TimeUnit.SECONDS)).as("the other thread is inside").isTrue();
        }

        static Inside enter(Object m, Object key) throws InterruptedException {
            return new Inside(m, key);
        }

        @Override
        public void close() throws InterruptedException {
            leave.countDown();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("the other thread left").isFalse();
        }
    }

    /** One write as the woven code does it: wrapped when enter says so (the wrap's second call enters again). */
    private static void write(Object m, Object key) {
        if (WriterCells.enter(m, key)) {
            try {
                assertThat(WriterCells.enter(m, key)).isFalse();
            } finally {
                WriterCells.exitHot(m, key);
            }
        }
    }

    private static boolean isHot(Object m) {
        return Arrays.stream(WriterCells.hot).anyMatch(h -> h == m); // by identity: two empty maps are equal
    }

    private static int cellOf(Thread t) {
        return ((int) t.getId() & (WriterCells.CELLS - 1)) << 3;
    }

    /** An unstarted thread whose id falls into this thread's cell (ids grow by one per thread made). */
    private static Thread threadSharingMyCell(Runnable body) {
        long mine = Thread.currentThread().getId() & (WriterCells.CELLS - 1);
        List<Thread> made = new ArrayList<>();
        for (int i = 0; i < 4 * WriterCells.CELLS; i++) {
            Thread t = new Thread(body, "cell-sharer");
            if ((t.getId() & (WriterCells.CELLS - 1)) == mine) {
                return t;
            }
            made.add(t);
        }
        throw new AssertionError("no thread id fell into cell " + mine + " among " + made.size());
    }

    private static void onOtherThread(String name, Runnable body) throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed.set(e);
            } finally {
                done.countDown();
            }
        }, name);
        t.start();
        assertThat(done.await(10, TimeUnit.SECONDS)).as("the other thread finished").isTrue();
        assertThat(failed.get()).isNull();
    }
}
