package io.mapdbg.layouts;

/**
 * What a lock's own fields say, in the words both paths print: a ConcurrentHashMap TreeBin's lockState, a j.u.c
 * synchronizer's state. Plain data in (the values each side read its own way), text out.
 */
public final class LockWords {
    /** The note of a map that is itself the monitor: application code synchronizes on the map. */
    public static final String MONITOR_NOTE = "the map itself is the monitor (synchronized on it)";

    private LockWords() {
    }

    /** The note of a Collections.synchronizedMap wrapper whose mutex is the lock: what it wraps (null: unknown). */
    public static String wrapperNote(String innerClassName) {
        return innerClassName == null ? null : "synchronizedMap over " + innerClassName;
    }

    /** Whether a lock of this class may be a ConcurrentHashMap bin head (Node, ReservationNode, TreeBin...). */
    public static boolean mayBeConcurrentBin(String className) {
        return className.startsWith("java.util.concurrent.ConcurrentHashMap$");
    }

    /** A TreeBin's lockState in words (WRITER=1, WAITER=2, READER=4 each): "lockState 6: waiter, 1 reader". */
    public static String treeBinState(int s) {
        StringBuilder text = new StringBuilder("lockState ").append(s);
        String sep = ": ";
        if ((s & 1) != 0) {
            text.append(sep).append("writer");
            sep = ", ";
        }
        if ((s & 2) != 0) {
            text.append(sep).append("waiter");
            sep = ", ";
        }
        int readers = s >>> 2;
        if (readers > 0) {
            text.append(sep).append(readers).append(" reader").append(readers == 1 ? "" : "s");
            sep = ", ";
        }
        return sep.equals(": ") ? text.append(": free").toString() : text.toString();
    }

    /**
     * Read holds of a ReentrantReadWriteLock's state word: its upper half (16 bits of an int state, 32 of the long
     * state JDK 23+ builds it on when wide).
     */
    public static long readHolds(boolean wide, long state) {
        return wide ? state >>> 32 : state >>> 16;
    }

    /**
     * A synchronizer's state in words. className is the synchronizer's binary name (its outer class names it:
     * {@code CountDownLatch$Sync}); readWrite when it is a ReentrantReadWriteLock's; for one with read holds,
     * holders is how many threads were found holding them (holds: how many holds they account for).
     */
    public static String synchronizer(String className, boolean readWrite, boolean wide, long state, int holders,
                                      long holds) {
        if (readWrite) {
            long reads = readHolds(wide, state);
            long writes = wide ? state & 0xffffffffL : state & 0xffff;
            StringBuilder d = new StringBuilder("ReentrantReadWriteLock: ")
                    .append(writes > 0 ? "write lock held " + writes + "x" : "not write-locked")
                    .append(", ").append(reads).append(" read hold").append(reads == 1 ? "" : "s");
            if (reads > 0) {
                d.append(holders == 0 ? "; read holders not visible" : "; " + holders + " read holder"
                        + (holders == 1 ? "" : "s") + " found" + (holds < reads ? " (" + (reads - holds) + " hold"
                        + (reads - holds == 1 ? "" : "s") + " not traced to a thread)" : ""));
            }
            return d.toString();
        }
        String outer = outerName(className);
        if (outer.equals("CountDownLatch")) {
            return "CountDownLatch count " + state;
        }
        if (outer.equals("Semaphore")) {
            return "Semaphore permits " + state;
        }
        if (outer.equals("ReentrantLock")) {
            return "ReentrantLock" + (state > 0 ? " held " + state + "x" : " free");
        }
        return outer + " state " + state;
    }

    /** The simple name of a nested class's outer class ({@code CountDownLatch} of {@code ...CountDownLatch$Sync}), else the name itself. */
    public static String outerName(String className) {
        return className.contains("$") ? className.substring(className.lastIndexOf('.') + 1, className.indexOf('$'))
                : className;
    }
}
