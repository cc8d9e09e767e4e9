package io.mapdbg.agent.boot;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The locks the current thread holds, for {@link WriterSwitches}: its monitors (the synchronized blocks on its
 * stack, a synchronizedMap's mutex among them) and its j.u.c. locks (ReentrantLock, a ReentrantReadWriteLock's write
 * lock: the exclusively owned synchronizers), each named by its identity hash (ThreadInfo gives no objects; two
 * locks with one hash can only make a race look guarded, never invent one).
 * <p>
 * Costs, measured on JDK 17 and 25: the monitors of one thread 20-60 us (a handshake, with its stack, which is kept
 * for the report); the j.u.c. locks are found by a walk of the whole heap at a safepoint in HotSpot (0.4 ms on a
 * small heap, 54-64 ms on 5M objects), so that is done at most once per {@link #WALK_GAP_NANOS} in the JVM, and then
 * no sooner than {@link #WALK_SHARE} times the last walk's length (2% of the time at most), and only when two writers
 * share no monitor. The ThreadMXBean is fetched when races --all starts, off the write path; without
 * java.management nothing is learned (no unordered writes are reported).
 */
final class WriterLocks {
    /** At least this long between two walks; and at least {@link #WALK_SHARE} times the last walk's own length. */
    static final long WALK_GAP_NANOS = 100000000L;
    static final int WALK_SHARE = 50;
    private static volatile ThreadMXBean bean;
    private static volatile long nextWalk;
    private static final int[] NONE = new int[0];

    /** A thread's monitors (identity hashes) and its stack, both taken at one moment inside the map's write. */
    static final class Held {
        final int[] locks;
        final StackTraceElement[] stack;

        Held(int[] locks, StackTraceElement[] stack) {
            this.locks = locks;
            this.stack = stack;
        }
    }

    private WriterLocks() {
    }

    /** Fetches the ThreadMXBean (the agent's thread, when races --all starts); false when there is none. */
    static boolean prepare() {
        try {
            if (bean == null) {
                ThreadMXBean b = ManagementFactory.getThreadMXBean();
                if (b.isObjectMonitorUsageSupported() && b.isSynchronizerUsageSupported()) {
                    new Held(NONE, null); // linked now, not inside a writer's put
                    bean = b;
                }
            }
        } catch (Throwable t) {
            bean = null;
        }
        return bean != null;
    }

    static boolean available() {
        return bean != null;
    }

    /** Lets the next walk run now (tests). */
    static void allowWalk() {
        nextWalk = System.nanoTime();
    }

    /** The current thread's monitors and stack; null when not available. */
    static Held monitors() {
        ThreadMXBean b = bean;
        if (b == null) {
            return null;
        }
        ThreadInfo[] info = b.getThreadInfo(new long[] {Thread.currentThread().getId()}, true, false);
        if (info.length == 0 || info[0] == null) {
            return null;
        }
        return new Held(ids(info[0].getLockedMonitors()), inside(info[0].getStackTrace()));
    }

    /** The current thread's exclusively owned j.u.c. locks; null when left out by the bound (or not available). */
    static int[] synchronizers() {
        ThreadMXBean b = bean;
        long now = System.nanoTime();
        if (b == null || now - nextWalk < 0) {
            return null;
        }
        nextWalk = now + WALK_GAP_NANOS;
        ThreadInfo[] info = b.getThreadInfo(new long[] {Thread.currentThread().getId()}, false, true);
        long took = System.nanoTime() - now;
        nextWalk = now + Math.max(WALK_GAP_NANOS, took * WALK_SHARE); // the walks take at most 2% of the time
        if (info.length == 0 || info[0] == null) {
            return null;
        }
        return ids(info[0].getLockedSynchronizers());
    }

    static boolean common(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] ids(LockInfo[] locks) {
        if (locks == null || locks.length == 0) {
            return NONE;
        }
        int[] out = new int[locks.length];
        for (int i = 0; i < locks.length; i++) {
            out[i] = locks[i].getIdentityHashCode();
        }
        return out;
    }

    /** The stack without the frames above the map's mutator (the management calls and the hooks'). */
    private static StackTraceElement[] inside(StackTraceElement[] stack) {
        int from = 0;
        while (from < stack.length && above(stack[from].getClassName())) {
            from++;
        }
        StackTraceElement[] out = new StackTraceElement[stack.length - from];
        System.arraycopy(stack, from, out, 0, out.length);
        return out;
    }

    private static final String[] ABOVE = {"sun.management.", "java.lang.management.", "jdk.internal."};
    private static final String[] HOOKS = {"io.mapdbg.agent.boot.WriterLocks", "io.mapdbg.agent.boot.WriterSwitches",
        "io.mapdbg.agent.boot.AllMarker", "io.mapdbg.agent.boot.WriterCells", "io.mapdbg.agent.boot.MapHook"};

    private static boolean above(String className) {
        for (String prefix : ABOVE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String hook : HOOKS) {
            if (className.equals(hook) || className.startsWith(hook + "$")) {
                return true;
            }
        }
        return false;
    }
}
