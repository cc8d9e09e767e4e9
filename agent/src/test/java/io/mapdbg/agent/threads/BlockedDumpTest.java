package io.mapdbg.agent.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blocked report's dump in this JVM: frames for the owner and each lock's first waiter, the other waiters'
 * frames cut after the frame where each waits, none for the other waiters of an idle lock (pool workers taking
 * from an empty queue) unless allWaits; the waits themselves for every waiting thread.
 */
class BlockedDumpTest {
    private static final Object MONITOR = new Object();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CountDownLatch HELD = new CountDownLatch(1);
    private static final List<Thread> STARTED = new ArrayList<>();
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        Thread holder = new Thread(() -> {
            synchronized (MONITOR) {
                HELD.countDown();
                await(RELEASE);
            }
        }, "bd-holder");
        holder.setDaemon(true);
        holder.start();
        STARTED.add(holder);
        HELD.await();
        for (int i = 1; i <= 3; i++) {
            Thread t = new Thread(BlockedDumpTest::enter, "bd-blocked-" + i);
            t.setDaemon(true);
            t.start();
            STARTED.add(t);
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bd-idle-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> { }); // starts a worker, which then idles in LinkedBlockingQueue.take
        }
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until && !(states("bd-blocked-", Thread.State.BLOCKED) == 3
                && states("bd-idle-", Thread.State.WAITING) == 4 && states("bd-holder", Thread.State.WAITING) == 1)) {
            Thread.onSpinWait();
        }
        assertThat(states("bd-blocked-", Thread.State.BLOCKED)).isEqualTo(3);
        assertThat(states("bd-idle-", Thread.State.WAITING)).isEqualTo(4);
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        pool.shutdownNow();
    }

    private static void enter() {
        synchronized (MONITOR) {
            MONITOR.hashCode();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int states(String prefix, Thread.State state) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.getState() == state) {
                n++;
            }
        }
        return n;
    }

    /** A thread of the reply: name, state and the frames written (class.method). */
    record Dumped(long id, String name, String state, List<String> frames) {
    }

    record Reply(Map<String, Dumped> byName, Map<Long, String> waitKind, Map<Long, Long> waitOwner) {
    }

    private static Reply dump(boolean allWaits) throws IOException {
        Instrumentation inst = (Instrumentation) Proxy.newProxyInstance(BlockedDumpTest.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (p, m, a) -> m.getName().equals("getAllLoadedClasses")
                        ? new Class<?>[0] : null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BlockedDump.write(inst, 10, allWaits, new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(in.readLong()).isPositive(); // the time in the VM's thread dumps
        Map<String, Dumped> byName = new HashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            long id = in.readLong();
            String name = in.readUTF();
            String state = in.readUTF();
            in.readBoolean();
            in.readInt();
            List<String> frames = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String where = in.readUTF() + "." + in.readUTF();
                if (in.readBoolean()) {
                    in.readUTF();
                }
                in.readInt();
                in.readBoolean();
                frames.add(where);
            }
            byName.put(name, new Dumped(id, name, state, frames));
        }
        Map<Long, String> kinds = new HashMap<>();
        Map<Long, Long> owners = new HashMap<>();
        int waits = in.readInt();
        for (int n = waits; n > 0; n--) {
            long thread = in.readLong();
            kinds.put(thread, in.readUTF());
            in.readUTF();
            in.readUTF();
            in.readLong();
            if (in.readBoolean()) {
                in.readUTF();
            }
            owners.put(thread, in.readLong());
            if (in.readBoolean()) {
                in.readLong();
                in.readUTF();
                if (in.readBoolean()) {
                    in.readUTF();
                }
                in.readInt();
                if (in.readBoolean()) {
                    in.readUTF();
                }
            }
        }
        // the readings after the waits: per lock read holders and map entry, then per wait its lock's index
        int locks = in.readInt();
        assertThat(locks).isBetween(waits == 0 ? 0 : 1, waits);
        for (int l = 0; l < locks; l++) {
            for (int r = in.readInt(); r > 0; r--) {
                in.readLong();
            }
            if (in.readBoolean()) {
                in.readLong();
                in.readUTF();
                if (in.readBoolean()) {
                    in.readUTF();
                }
                in.readUTF();
            }
        }
        for (int w = 0; w < waits; w++) {
            assertThat(in.readInt()).isBetween(0, locks - 1);
        }
        assertThat(in.available()).isZero();
        return new Reply(byName, kinds, owners);
    }

    private static List<Dumped> named(Reply r, String prefix) {
        List<Dumped> out = new ArrayList<>();
        for (Dumped d : r.byName().values()) {
            if (d.name().startsWith(prefix)) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void framesOnlyWhereTheReportShowsThem() throws IOException {
        Reply r = dump(false);
        Dumped holder = r.byName().get("bd-holder");
        assertThat(holder.frames()).hasSizeGreaterThan(2).anyMatch(f -> f.startsWith("java.util.concurrent.CountDownLatch.await"));

        List<Dumped> blocked = named(r, "bd-blocked-");
        assertThat(blocked).hasSize(3);
        for (Dumped b : blocked) {
            assertThat(r.waitKind().get(b.id())).isEqualTo("monitor");
            assertThat(r.waitOwner().get(b.id())).isEqualTo(holder.id());
            assertThat(b.frames()).isNotEmpty();
            assertThat(b.frames().get(0)).isEqualTo(BlockedDumpTest.class.getName() + ".enter"); // where it waits
        }
        // one of them (the first in dump order) with its frames below, the others down to where each waits
        assertThat(blocked).filteredOn(b -> b.frames().size() == 1).hasSize(2);

        List<Dumped> idle = named(r, "bd-idle-");
        assertThat(idle).hasSize(4);
        for (Dumped w : idle) {
            assertThat(r.waitKind()).containsKey(w.id()); // still a wait: --all-waits shows it
        }
        List<Dumped> withFrames = new ArrayList<>();
        for (Dumped w : idle) {
            if (!w.frames().isEmpty()) {
                withFrames.add(w);
            }
        }
        assertThat(withFrames).hasSize(1); // the first waiter, by which the lock is judged idle
        assertThat(withFrames.get(0).frames()).contains("java.util.concurrent.LinkedBlockingQueue.take");

        Dumped self = r.byName().get(Thread.currentThread().getName());
        assertThat(self.frames()).isEmpty(); // running, not waiting: no stack walked
    }

    @Test
    void allWaitsGivesEveryIdleWaiterItsWaitingFrame() throws IOException {
        Reply r = dump(true);
        for (Dumped w : named(r, "bd-idle-")) {
            assertThat(w.frames()).isNotEmpty();
            assertThat(w.frames().get(w.frames().size() - 1)).doesNotStartWith("java.util.concurrent.locks.")
                    .doesNotStartWith("jdk.internal.misc.");
        }
    }
}
