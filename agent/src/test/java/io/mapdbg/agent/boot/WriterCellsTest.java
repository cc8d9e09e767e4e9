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
        MapHook.handOverNanos = 0;
        WriterCells.checked = true;
        WriterCells.open(true);
    }

    @AfterEach
    void shut() {
        WriterCells.checked = false;
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
    void aMapWrittenByTwoThreadsGoesHotAndItsWritersAreThenMarked() throws Exception {
        write(map, "mine");
        onOtherThread("other-writer", () -> write(map, "theirs"));
        WriterCells.sample();
        WriterCells.nextTurn();
        assertThat(WriterCells.hot[0]).isSameAs(map);

        WriterCells.enter(map, "mine"); // inside, and the marker has it
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isTrue();
        onOtherThread("other-writer", () -> write(map, "theirs"));
        WriterCells.exit();
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isFalse();
        Overlap[] overlaps = MapHook.OVERLAPS.snapshot();
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps[0].threads).containsExactly("other-writer", Thread.currentThread().getName());
        assertThat(overlaps[0].keys).containsExactly("\"theirs\"", "\"mine\"");
    }

    @Test
    void aMapSeenWithTwoThreadsInsideAtOnceHasTheNextTurnBeforeTheOtherCandidates() throws Exception {
        Map<String, Integer> shared = new HashMap<>(); // written by two threads, one after the other
        write(shared, "a");
        onOtherThread("other-writer", () -> write(shared, "b"));
        WriterCells.sample();

        WriterCells.enter(map, "mine");
        try (Inside other = Inside.enter(map, "theirs")) {
            WriterCells.sample(); // both inside map now
        } finally {
            WriterCells.exit();
        }
        WriterCells.nextTurn();
        assertThat(WriterCells.hot[0]).isSameAs(map);
        assertThat(WriterCells.hot).as("then the others, in rotation").contains(shared);
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
    void writesOneAfterTheOtherOfAHotMapAreNotOverlaps() throws Exception {
        WriterCells.makeHot(map);
        for (int i = 0; i < 5; i++) {
            write(map, "mine");
            onOtherThread("other-writer", () -> write(map, "theirs"));
        }
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
    }

    @Test
    void aNestedWriteIsNotMarkedAgainAndItsExitDoesNotUnmarkTheOuterOne() throws Exception {
        WriterCells.enter(map, "outer");
        WriterCells.enter(map, "inner"); // the cell is odd already: not marked
        WriterCells.exit(); // the inner exit unmarks (the cell cannot tell which exit is which): a miss, never more
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isFalse();
        WriterCells.exit(); // even: nothing to do
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isFalse();
        WriterCells.enter(map, "again");
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isTrue();
        WriterCells.exit();
    }

    @Test
    void twoThreadsWhoseIdsShareACellNeverUnmarkEachOther() throws Exception {
        Thread sharer = threadSharingMyCell(() -> {
            Map<String, Integer> another = new HashMap<>();
            WriterCells.enter(another, "x"); // the cell is odd (this test's thread is inside): not marked
            WriterCells.exit(); // not the cell's thread: leaves the mark alone
        });
        WriterCells.enter(map, "mine");
        sharer.start();
        sharer.join(10_000);
        assertThat(sharer.isAlive()).isFalse();
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isTrue();
        WriterCells.exit();
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isFalse();
    }

    @Test
    void anOverlapSeenOnTheWayOutShowsTheLeavingThreadsKey() throws Exception {
        WriterCells.makeHot(map);
        WriterCells.enter(map, "before");
        AllMarker.nextEpoch(); // a new turn while this thread is inside: its claim no longer counts
        Inside other = Inside.enter(map, "after"); // claims the slot, stays inside until closed
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
        WriterCells.exit(); // leaving, this thread finds the other one inside
        other.close();
        assertThat(WriterCells.showsInside(other.thread, map)).isFalse();
        Overlap[] overlaps = MapHook.OVERLAPS.snapshot();
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps[0].threads).containsExactly(Thread.currentThread().getName(), "other-writer");
        assertThat(overlaps[0].keys).containsExactly("\"before\"", "\"after\"");
    }

    @Test
    void theMarkerDoesNotReportAThreadWhoseCellSaysItIsNotInside() throws Exception {
        // the marker's slot says this thread is inside, its cell says it is not (an exit the marker did not see)
        AllMarker.enter(map, "stale");
        onOtherThread("other-writer", () -> {
            AllMarker.enter(map, "theirs");
            AllMarker.exit(map);
        });
        assertThat(MapHook.OVERLAPS.snapshot()).isEmpty();
        AllMarker.exit(map);
    }

    @Test
    void theGateShutMarksNothingAndALateExitStillUnmarks() throws Exception {
        WriterCells.open(false);
        WriterCells.live(false);
        WriterCells.enter(map, "k");
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isFalse();
        WriterCells.exit();
        WriterCells.open(true);
        WriterCells.enter(map, "k");
        WriterCells.open(false); // the turn ends while this write is inside; exits stay hooked a little longer
        WriterCells.exit();
        assertThat(WriterCells.showsInside(Thread.currentThread(), map)).isFalse();
    }

    /** A thread named other-writer inside a write of a map (entered, not left) until closed; close waits for it. */
    private static final class Inside implements AutoCloseable {
        final Thread thread;
        private final CountDownLatch leave = new CountDownLatch(1);

        private Inside(Object m, Object key) throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(1);
            thread = new Thread(() -> {
                WriterCells.enter(m, key);
                inside.countDown();
                try {
                    leave.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                WriterCells.exit();
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

    private static void write(Object m, Object key) {
        WriterCells.enter(m, key);
        WriterCells.exit();
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
