package io.mapdbg.examples.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A payment service that reproduces the incidents mapdbg is for, on named static maps:
 * <ul>
 * <li>{@link #ORDER_LATCHES}: each order gets a latch and a {@code settle-order-N} thread waiting
 * on it; the gateway's callback never comes for every third order, so settle threads leak
 * (slowly, up to {@code --max-settle}).
 * <li>{@link #RATE_CACHE}: {@code computeIfAbsent} for one currency pair waits forever on the FX
 * feed, holding its bin (a ReservationNode); {@code rate-lookup-N} threads asking for that pair,
 * and for two other pairs in the same bin, pile up blocked behind it.
 * <li>{@link #ORDERS_BY_ID}: {@link OrderKey#hashCode()} hashes only the merchant: one tree bin,
 * many long chains.
 * <li>{@link #AUDIT_LOG}: a plain HashMap written by two threads without a lock, at a steady rate.
 * <li>{@link #SESSIONS}, {@link #MERCHANTS}, {@link #FEES}: a synchronizedMap, a Hashtable and an
 * application subclass of HashMap, for the map finder.
 * </ul>
 * Prints {@code READY} on stdout once the bin is held and the leaked settle threads exist, then
 * runs until killed. Usage: {@code java -cp examples/target/classes
 * io.mapdbg.examples.payment.PaymentService [--orders N] [--max-settle N] [--order-interval-ms N]
 * [--lookups N]}.
 */
public final class PaymentService {
    public static final ConcurrentHashMap<String, CountDownLatch> ORDER_LATCHES = new ConcurrentHashMap<>();
    /** Built with 64, which gives a 128-bin table on JDK 8 through 25. */
    public static final ConcurrentHashMap<String, BigDecimal> RATE_CACHE = new ConcurrentHashMap<>(64);
    public static final HashMap<OrderKey, Order> ORDERS_BY_ID = new HashMap<>();
    public static final HashMap<String, String> AUDIT_LOG = new HashMap<>();
    public static final Map<String, String> SESSIONS = Collections.synchronizedMap(new LinkedHashMap<>());
    public static final Hashtable<String, String> MERCHANTS = new Hashtable<>();
    public static final FeeTable FEES = new FeeTable();

    /** The FX feed connection that never answers: nobody ever offers to it. */
    static final SynchronousQueue<BigDecimal> FX_FEED = new SynchronousQueue<>();

    private static final int RATE_CACHE_BINS = 128;
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK",
        "NOK", "DKK", "PLN", "CZK", "HUF", "TRY", "ZAR", "MXN", "BRL", "CNY", "HKD", "SGD", "INR", "KRW", "THB"};
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Options options;
    private final AtomicInteger leaked = new AtomicInteger();
    private final ScheduledExecutorService gateway = Executors.newSingleThreadScheduledExecutor(
            r -> daemon("gateway-callback", r, false));
    private final List<Thread> settleThreads = Collections.synchronizedList(new ArrayList<>());

    record Options(int orders, int maxSettle, long orderIntervalMs, int lookups) {
        static Options parse(String[] args) {
            int orders = 400;
            int maxSettle = 200;
            long interval = 500;
            int lookups = 4;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--orders" -> orders = number(args[i], value, 20);
                    case "--max-settle" -> maxSettle = number(args[i], value, 1);
                    case "--order-interval-ms" -> interval = number(args[i], value, 1);
                    case "--lookups" -> lookups = number(args[i], value, 1);
                    case "--help", "-h" -> usage(null, 0);
                    default -> usage("unknown argument: " + args[i], 2);
                }
                i++;
            }
            return new Options(orders, maxSettle, interval, lookups);
        }

        private static int number(String flag, String value, int min) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            usage(flag + " needs a number >= " + min + ", got " + value, 2);
            return min;
        }

        private static void usage(String error, int code) {
            if (error != null) {
                System.err.println("PaymentService: " + error);
            }
            System.err.println("usage: PaymentService [--orders N (400, >= 20)] [--max-settle N (200)]"
                    + " [--order-interval-ms N (500)] [--lookups N (4)]");
            System.exit(code);
        }
    }

    private PaymentService(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        PaymentService service = new PaymentService(Options.parse(args));
        service.loadReferenceData();
        service.loadOrders();
        String stuckPair = service.startRateLookups();
        service.startSettlement();
        service.startAuditWriters();
        System.err.println("PaymentService pid " + ProcessHandle.current().pid() + ": RATE_CACHE bin held for "
                + stuckPair + "; " + service.leaked.get() + " settle threads leaked so far (max "
                + service.options.maxSettle + ")");
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private void loadReferenceData() {
        MERCHANTS.put("acme-travel", "ACME Travel GmbH");
        for (int m = 0; m < 40; m++) {
            MERCHANTS.put(merchant(m), "Merchant " + m + " Ltd");
        }
        FEES.put("card", 29L);
        FEES.put("sepa", 5L);
        FEES.put("wire", 1500L);
        FEES.put("wallet", 35L);
        for (int s = 0; s < 20; s++) {
            SESSIONS.put(String.format("sess-%04x", s * 7919), "user-" + s);
        }
    }

    private static String merchant(int m) {
        return String.format("merchant-%02d", m);
    }

    /** Half the orders belong to one big merchant (a tree bin); the rest come 6 per merchant (chains). */
    private void loadOrders() {
        int big = options.orders / 2;
        for (int i = 0; i < options.orders; i++) {
            String merchant = i < big ? "acme-travel" : merchant((i - big) / 6);
            OrderKey key = new OrderKey(merchant, 100_000L + i);
            ORDERS_BY_ID.put(key, new Order(key, BigDecimal.valueOf(1999 + 37L * i, 2), "EUR", "CAPTURED"));
        }
    }

    /**
     * Fills RATE_CACHE, then has one thread load a pair whose bin is empty (so computeIfAbsent
     * reserves the bin) and wait on the FX feed forever; lookups for that pair and for two other
     * pairs that hash to the same bin block behind it.
     */
    private String startRateLookups() throws InterruptedException {
        for (int i = 1; i < 12; i++) {
            RATE_CACHE.put("EUR/" + CURRENCIES[i + 1], BigDecimal.valueOf(100 + 13L * i, 2));
        }
        boolean[] used = new boolean[RATE_CACHE_BINS];
        RATE_CACHE.keySet().forEach(k -> used[bin(k)] = true);
        Map<Integer, List<String>> pairsByBin = new HashMap<>();
        List<String> pairs = new ArrayList<>(List.of("USD/JPY"));
        for (String base : CURRENCIES) {
            for (String quote : CURRENCIES) {
                String pair = base + "/" + quote;
                if (!base.equals(quote) && !RATE_CACHE.containsKey(pair)) {
                    pairsByBin.computeIfAbsent(bin(pair), b -> new ArrayList<>()).add(pair);
                    pairs.add(pair);
                }
            }
        }
        // The stuck pair: USD/JPY if its bin is empty and two more uncached pairs share it, else the first such pair.
        String stuck = null;
        List<String> sameBin = List.of();
        for (int i = 0; stuck == null; i++) {
            String pair = pairs.get(i);
            List<String> others = new ArrayList<>(pairsByBin.get(bin(pair)));
            others.remove(pair);
            if (!used[bin(pair)] && others.size() >= 2) {
                stuck = pair;
                sameBin = others;
            }
        }
        String stuckPair = stuck;
        CountDownLatch loading = new CountDownLatch(1);
        daemon("rate-refresh", () -> RATE_CACHE.computeIfAbsent(stuckPair, pair -> {
            loading.countDown();
            return fetchFromFeed(pair);
        }), true);
        if (!loading.await(WAIT_NANOS, TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("the rate loader never started");
        }
        List<Thread> lookups = new ArrayList<>();
        for (int i = 0; i < options.lookups + 2; i++) {
            String pair = i < options.lookups ? stuckPair : sameBin.get(i - options.lookups);
            lookups.add(daemon("rate-lookup-" + (i + 1), () -> RATE_CACHE.computeIfAbsent(pair, this::fetchFromFeed), true));
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (lookups.stream().anyMatch(t -> t.getState() != Thread.State.BLOCKED) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return stuckPair;
    }

    private static int bin(String key) {
        int h = key.hashCode();
        return (RATE_CACHE_BINS - 1) & (h ^ (h >>> 16)) & 0x7fffffff;
    }

    private BigDecimal fetchFromFeed(String pair) {
        try {
            return FX_FEED.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rate lookup for " + pair + " interrupted", e);
        }
    }

    /** A burst of orders before READY, then one every --order-interval-ms until enough have leaked. */
    private void startSettlement() throws InterruptedException {
        int orderNo = 1;
        for (; orderNo <= 12; orderNo++) {
            checkout(orderNo);
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (settleThreads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() < leaked.get()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        int next = orderNo;
        daemon("checkout", () -> {
            for (int n = next; leaked.get() < options.maxSettle; n++) {
                checkout(n);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(options.orderIntervalMs));
            }
        }, true);
    }

    /** Registers the order's latch and its settle thread; the gateway answers two orders in three. */
    private void checkout(int orderNo) {
        String orderId = "order-" + orderNo;
        CountDownLatch paid = new CountDownLatch(1);
        ORDER_LATCHES.put(orderId, paid);
        Thread settle = daemon("settle-order-" + orderNo, () -> {
            try {
                paid.await();
                ORDER_LATCHES.remove(orderId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, true);
        if (orderNo % 3 == 0) {
            // The gateway timed out and its callback is lost: this thread and latch never go away.
            leaked.incrementAndGet();
            settleThreads.add(settle);
        } else {
            gateway.schedule(paid::countDown, 50, TimeUnit.MILLISECONDS);
        }
    }

    /** Two writers put a few hundred keys a second each, unsynchronised, and drop their old ones. */
    private void startAuditWriters() {
        for (int w = 1; w <= 2; w++) {
            String prefix = "w" + w + "-txn-";
            daemon("audit-writer-" + w, () -> {
                for (long seq = 0; ; seq++) {
                    try {
                        AUDIT_LOG.put(prefix + seq, "settled order-" + seq);
                        if (seq >= 500) {
                            AUDIT_LOG.remove(prefix + (seq - 500));
                        }
                    } catch (RuntimeException e) {
                        // The race may corrupt the map so that put or remove throws; keep writing.
                    }
                    if (seq % 3 == 2) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                    }
                }
            }, true);
        }
    }

    private static Thread daemon(String name, Runnable body, boolean start) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        if (start) {
            t.start();
        }
        return t;
    }
}
