package io.mapdbg.breakpoints;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.Result;
import io.mapdbg.model.TraceDropped;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Hands hits and notices to the listener, in the order they came, on one printer thread, so that the event-loop
 * thread resumes a traced thread as soon as its hit is read and never waits for a slow terminal. Trace hits may
 * hold at most {@code capacity} places in the queue: when it is full a hit is dropped and counted on its trace
 * (and said once a second by a {@link TraceDropped} notice). Break hits, hits of a trace with {@code on} commands
 * (they need the thread stopped) and notices are never dropped: the loop thread waits until such a hit is
 * delivered, as before. The printer thread starts with the first item and ends on {@link #stop()}.
 */
final class TraceFeed {
    /** System property: how many trace hits may wait for the printer (default {@value #DEFAULT_CAPACITY}). */
    static final String CAPACITY_PROPERTY = "mapdbg.traceQueue";
    static final int DEFAULT_CAPACITY = 10_000;
    private static final long NOTE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_MILLIS = 250;

    private interface Item {
    }

    /** delivered is null for a queued trace hit (nobody waits for it). */
    private record Hit(BreakpointHit record, boolean json, List<String> on, CountDownLatch delivered) implements Item {
    }

    private record Notice(Result notice, boolean json) implements Item {
    }

    private record Flush(CountDownLatch done) implements Item {
    }

    private record Stop(Thread printer) implements Item {
    }

    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>(); // trace hits bounded by queuedHits
    private final AtomicInteger queuedHits = new AtomicInteger();
    private final int capacity;
    private final Supplier<BreakpointListener> listener;
    private final Supplier<List<Breakpoint>> traces; // whose dropped counts to say
    private volatile int peak; // most trace hits queued at once (tests); written by the loop thread only
    private Thread printer; // guarded by this
    private long lastNote = System.nanoTime() - NOTE_EVERY_NANOS; // printer thread only

    TraceFeed(int capacity, Supplier<BreakpointListener> listener, Supplier<List<Breakpoint>> traces) {
        if (capacity < 1) {
            throw new IllegalArgumentException(CAPACITY_PROPERTY + " must be 1 or more, not " + capacity);
        }
        this.capacity = capacity;
        this.listener = listener;
        this.traces = traces;
    }

    static int configuredCapacity() {
        return Integer.getInteger(CAPACITY_PROPERTY, DEFAULT_CAPACITY);
    }

    /**
     * Takes a place for a trace hit before its record is read (a hit that will be dropped costs the target no
     * reads); false when the queue is full. Only the loop thread reserves, so a place taken stays free until used.
     */
    boolean reserve() {
        while (true) {
            int n = queuedHits.get();
            if (n >= capacity) {
                return false;
            }
            if (queuedHits.compareAndSet(n, n + 1)) {
                peak = Math.max(peak, n + 1);
                return true;
            }
        }
    }

    /** Gives back a place whose hit was not read after all. */
    void release() {
        queuedHits.decrementAndGet();
    }

    /** Queues a trace hit in a place {@link #reserve()} took; returns at once. */
    void queue(BreakpointHit record, boolean json) {
        enqueue(new Hit(record, json, List.of(), null));
    }

    /** Delivers a hit that may not be dropped and waits until the listener has seen it (the thread is still stopped). */
    void deliver(BreakpointHit record, boolean json, List<String> on) {
        CountDownLatch delivered = new CountDownLatch(1);
        Hit hit = new Hit(record, json, on, delivered);
        if (onPrinter()) {
            show(hit); // an on command that hits a breakpoint itself: deliver in place
            return;
        }
        enqueue(hit);
        await(delivered);
    }

    /** A notice, in order with the hits before it; never dropped. */
    void notice(Result notice, boolean json) {
        if (onPrinter()) {
            listener.get().notice(notice, json);
            return;
        }
        enqueue(new Notice(notice, json));
    }

    /** Waits until everything queued so far is delivered, and says any drops not said yet. */
    void drain() {
        if (onPrinter()) {
            return;
        }
        synchronized (this) {
            if (printer == null) {
                return;
            }
        }
        CountDownLatch done = new CountDownLatch(1);
        enqueue(new Flush(done));
        await(done);
    }

    /** Delivers what is queued, then ends the printer thread (a later hit starts a new one). */
    void stop() {
        Thread t;
        synchronized (this) {
            t = printer;
            if (t == null) {
                return;
            }
            printer = null;
            items.add(new Stop(t));
        }
        if (t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Trace hits waiting for the printer now. */
    int queued() {
        return queuedHits.get();
    }

    /** The most trace hits that ever waited at once: never more than the capacity. */
    int peak() {
        return peak;
    }

    int capacity() {
        return capacity;
    }

    synchronized boolean printerRunning() {
        return printer != null && printer.isAlive();
    }

    private synchronized boolean onPrinter() {
        return printer == Thread.currentThread();
    }

    private synchronized void enqueue(Item item) {
        if (printer == null || !printer.isAlive()) {
            printer = new Thread(this::run, "mapdbg-trace-printer");
            printer.setDaemon(true);
            printer.start();
        }
        items.add(item);
    }

    private void await(CountDownLatch latch) {
        try {
            // bounded by the printer: if it ended (stop) before this item, nobody will count the latch down
            while (!latch.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                synchronized (this) {
                    if (printer == null || !printer.isAlive()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Thread me = Thread.currentThread();
        while (true) {
            Item item;
            try {
                item = items.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                item = null;
            }
            if (item == null) {
                synchronized (this) {
                    if (printer != me) {
                        return; // stopped while another thread took over (a stop raced with a new hit)
                    }
                }
                sayDrops(false);
                continue;
            }
            if (item instanceof Stop s) {
                if (s.printer() == me) {
                    sayDrops(true);
                    releaseWaiters();
                    return;
                }
                continue; // an earlier printer's stop
            }
            if (item instanceof Flush f) {
                sayDrops(true);
                f.done().countDown();
            } else {
                take(item);
            }
            sayDrops(false);
        }
    }

    private void show(Hit h) {
        if (h.delivered() == null) {
            queuedHits.decrementAndGet();
        }
        try {
            safely(() -> listener.get().hit(h.record(), h.json(), h.on()));
        } finally {
            if (h.delivered() != null) {
                h.delivered().countDown();
            }
        }
    }

    /** A stop took effect: whoever still waits on an item behind it must not wait for a thread that has ended. */
    private void releaseWaiters() {
        synchronized (this) {
            if (printer != null) {
                return; // a new printer took over and will deliver them
            }
        }
        for (Item left; (left = items.poll()) != null; ) {
            if (left instanceof Flush f) {
                f.done().countDown();
            } else {
                take(left);
            }
        }
    }

    private void take(Item item) {
        if (item instanceof Hit h) {
            show(h);
        } else if (item instanceof Notice n) {
            safely(() -> listener.get().notice(n.notice(), n.json()));
        }
    }

    /** Says each trace whose dropped count grew since it was last said; at most once a second unless now. */
    private void sayDrops(boolean now) {
        if (!now && System.nanoTime() - lastNote < NOTE_EVERY_NANOS) {
            return;
        }
        boolean said = false;
        for (Breakpoint bp : traces.get()) {
            long dropped = bp.dropped();
            if (dropped > bp.droppedSaid()) {
                bp.droppedSaid(dropped);
                safely(() -> listener.get().notice(new TraceDropped(bp.name, dropped), bp.json));
                said = true;
            }
        }
        if (said || !now) {
            lastNote = System.nanoTime();
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a failing printer must not end delivery: the next hit gets its chance
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        }
    }
}
