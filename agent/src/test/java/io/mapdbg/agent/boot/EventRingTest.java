package io.mapdbg.agent.boot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The ring in this JVM (its class, not the bootstrap copy: nothing here installs hooks). */
class EventRingTest {
    @Test
    void aFullRingDropsAndCountsAndKeepsTheOldest() {
        EventRing ring = new EventRing(8);
        for (int i = 0; i < 20; i++) {
            ring.offer(1, 0, i, 7L, "t", "k" + i, null);
        }
        assertThat(ring.dropped()).isEqualTo(12);
        List<String> keys = new ArrayList<>();
        assertThat(ring.drain(100, w -> keys.add((String) w.key))).isEqualTo(8);
        assertThat(keys).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
        assertThat(ring.offer(1, 0, 0, 7L, "t", "again", null)).isTrue(); // drained slots are free again
        assertThat(ring.pending()).isEqualTo(1);
    }

    @Test
    void everyEventOfManyWritersIsEitherDeliveredOrCounted() throws Exception {
        EventRing ring = new EventRing(1 << 10);
        int writers = 4;
        int each = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    ring.offer(id, i, 0, 7L, "w", null, null);
                }
            });
            t.start();
            threads.add(t);
        }
        long[] delivered = {0};
        int[][] lastSeq = {new int[writers]};
        java.util.Arrays.fill(lastSeq[0], -1);
        boolean[] ordered = {true};
        go.countDown();
        EventSink sink = w -> {
            delivered[0]++;
            ordered[0] &= w.site > lastSeq[0][w.mapId]; // each writer's events come in its order
            lastSeq[0][w.mapId] = w.site;
        };
        while (threads.stream().anyMatch(Thread::isAlive)) {
            ring.drain(256, sink);
        }
        ring.drain(Integer.MAX_VALUE, sink);
        assertThat(delivered[0] + ring.dropped()).isEqualTo((long) writers * each);
        assertThat(ordered[0]).isTrue();
        assertThat(ring.pending()).isZero();
    }

    @Test
    void theRingHoldsTheWrittenObjectsAndMakesNoTextOfThem() {
        int[] calls = {0};
        Object key = new Object() {
            @Override
            public String toString() {
                calls[0]++;
                throw new IllegalStateException("no");
            }

            @Override
            public int hashCode() {
                calls[0]++;
                return 1;
            }
        };
        EventRing ring = new EventRing(8);
        ring.offer(1, 0, 0, 7L, "t", key, null);
        Object[] seen = new Object[2];
        ring.drain(8, w -> {
            seen[0] = w.key;
            seen[1] = w.value;
        });
        assertThat(seen[0]).isSameAs(key);
        assertThat(seen[1]).isNull();
        assertThat(calls[0]).as("toString/hashCode calls of the key").isZero();
    }
}
