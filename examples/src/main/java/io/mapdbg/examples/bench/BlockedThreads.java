package io.mapdbg.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Benchmark target for {@code scripts/bench/blocked.sh}: exactly 2,000 threads of its own, 500 of them waiting
 * on five locks (100 each) whose owners hold them while they wait on a latch nobody opens:
 * <ul>
 * <li>{@code chm-holder} inside {@code CHM.computeIfAbsent("k")} (the bin's head is a ReservationNode),
 * {@code chm-writer-1..100} BLOCKED putting "k";</li>
 * <li>{@code table-holder} inside {@code TABLE.compute} (a Hashtable), {@code table-writer-*} BLOCKED;</li>
 * <li>{@code sync-holder} inside {@code SYNC.compute} (a Collections.synchronizedMap), {@code sync-writer-*};</li>
 * <li>{@code lock-holder} holds {@code LOCK} (a ReentrantLock), {@code lock-waiter-*} parked on it;</li>
 * <li>{@code monitor-holder} holds {@code MONITOR} (a plain Object), {@code monitor-waiter-*} BLOCKED.</li>
 * </ul>
 * The other 1,495 are idle as in a real service: 1,000 workers of ten fixed pools in
 * {@code LinkedBlockingQueue.take}, 100 cached-pool workers in {@code SynchronousQueue.poll}, 20 {@code Timer}
 * threads, 175 sleepers and 200 threads parked without a blocker, at stack depths 0..15.
 *
 * <p>Prints {@code READY clusters=5 waiters=500 started=2000 jvmThreads=N} once every waiter waits on its owner
 * (checked with ThreadMXBean), then idles until killed.
 */
public final class BlockedThreads {
    public static final ConcurrentHashMap<String, Object> CHM = new ConcurrentHashMap<>();
    public static final Hashtable<String, Object> TABLE = new Hashtable<>();
    public static final Map<String, Object> SYNC = Collections.synchronizedMap(new HashMap<>());
    public static final ReentrantLock LOCK = new ReentrantLock();
    public static final Object MONITOR = new Object();
    static final CountDownLatch NEVER = new CountDownLatch(1);

    static final int WAITERS = 100;
    static final int THREADS = 2_000;

    private static final List<Thread> STARTED = Collections.synchronizedList(new ArrayList<>());

    private BlockedThreads() {
    }

    static Object hold(Object ignored) {
        try {
            NEVER.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }

    static void atDepth(int depth, Runnable body) {
        if (depth > 0) {
            atDepth(depth - 1, body);
        } else {
            body.run();
        }
    }

    public static void main(String[] args) throws Exception {
        CHM.put("seed", 0);
        TABLE.put("a", 1);
        SYNC.put("a", 1);
        Map<Thread, String> owners = new HashMap<>(); // waiter -> its owner's name
        cluster(owners, "chm", () -> CHM.computeIfAbsent("k", BlockedThreads::hold), () -> CHM.put("k", 1));
        cluster(owners, "table", () -> TABLE.compute("a", (k, v) -> hold(v)), () -> TABLE.put("b", 2));
        cluster(owners, "sync", () -> SYNC.compute("a", (k, v) -> hold(v)), () -> SYNC.put("b", 2));
        cluster(owners, "lock", () -> {
            LOCK.lock();
            hold(null);
        }, LOCK::lock);
        cluster(owners, "monitor", () -> {
            synchronized (MONITOR) {
                hold(null);
            }
        }, () -> {
            synchronized (MONITOR) {
                NEVER.getCount();
            }
        });

        for (int p = 0; p < 10; p++) {
            int pool = p;
            ThreadPoolExecutor fixed = new ThreadPoolExecutor(100, 100, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>(),
                    r -> thread("pool-" + pool + "-worker-" + STARTED.size(), r));
            fixed.prestartAllCoreThreads();
        }
        ThreadPoolExecutor cached = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.HOURS,
                new SynchronousQueue<>(), r -> thread("cached-worker-" + STARTED.size(), r));
        CountDownLatch allRunning = new CountDownLatch(100);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            cached.execute(() -> {
                allRunning.countDown();
                awaitQuietly(release);
            });
        }
        allRunning.await();
        release.countDown(); // the 100 workers now idle in SynchronousQueue.poll for an hour
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            timers.add(new Timer("timer-" + i, true));
        }
        for (int i = 0; i < 175; i++) {
            int depth = i % 16;
            thread("sleeper-" + i, () -> atDepth(depth, BlockedThreads::nap)).start();
        }
        int parked = THREADS - STARTED.size() - timers.size();
        for (int i = 0; i < parked; i++) {
            int depth = i % 16;
            thread("parked-" + i, () -> atDepth(depth, () -> {
                while (true) {
                    LockSupport.park();
                }
            })).start();
        }
        int started = STARTED.size() + timers.size();
        if (started != THREADS) {
            System.err.println("BlockedThreads: started " + started + " threads, expected " + THREADS);
            System.exit(1);
        }

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!allWaiting(mx, owners)) {
            if (System.nanoTime() > deadline) {
                System.err.println("BlockedThreads: the waiters did not all wait on their owners in 120 s");
                System.exit(1);
            }
            Thread.sleep(20);
        }
        System.out.println("READY clusters=5 waiters=" + owners.size() + " started=" + started + " jvmThreads="
                + mx.getThreadCount());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void cluster(Map<Thread, String> owners, String name, Runnable holder, Runnable waiter)
            throws InterruptedException {
        Thread h = thread(name + "-holder", holder);
        h.start();
        while (h.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        String prefix = name.equals("lock") || name.equals("monitor") ? name + "-waiter-" : name + "-writer-";
        for (int i = 1; i <= WAITERS; i++) {
            Thread w = thread(prefix + i, waiter);
            owners.put(w, h.getName());
            w.start();
        }
    }

    private static boolean allWaiting(ThreadMXBean mx, Map<Thread, String> owners) {
        for (Map.Entry<Thread, String> e : owners.entrySet()) {
            ThreadInfo info = mx.getThreadInfo(e.getKey().getId());
            if (info == null || !e.getValue().equals(info.getLockOwnerName())) {
                return false;
            }
        }
        return true;
    }

    static void nap() {
        while (true) {
            try {
                Thread.sleep(3_600_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        STARTED.add(t);
        return t;
    }
}
