package io.mapdbg.agent.threads;

import io.mapdbg.agent.ModuleAccess;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The threads that hold read counts of a {@code ReentrantReadWriteLock}, as debugger-cli's
 * {@code io.mapdbg.locks.ReadHolders} finds them over JDWP: {@code firstReader} with its count, then every thread
 * whose {@code threadLocals} map holds a {@code HoldCounter} with a count under the lock's {@code readHolds} (or
 * whose counter is the lock's {@code cachedHoldCounter}), by thread id. Asked only for a lock that has waiters and
 * read holds; reads java.lang's Thread.threadLocals, so java.lang is opened to the agent on the first call.
 * Never throws: a layout it cannot read gives no holders.
 */
final class ReadHolders {
    private static final String SYNC = "java.util.concurrent.locks.ReentrantReadWriteLock$Sync";
    /** A thread's ThreadLocal table larger than this is not searched (as over JDWP). */
    private static final int MAX_TABLE = 4096;

    private static boolean resolved;
    private static Class<?> syncClass;
    private static Field firstReader;
    private static Field firstReaderHoldCount;
    private static Field readHolds;
    private static Field cachedHoldCounter;
    private static Field count;
    private static Field tid;
    private static Field threadLocals;
    private static Field table;
    private static Field entryValue;

    /** What was found: the holders (firstReader first) and the read holds traced to them. */
    static final class Found {
        final List<Thread> readers;
        final int holds;

        Found(List<Thread> readers, int holds) {
            this.readers = readers;
            this.holds = holds;
        }
    }

    private ReadHolders() {
    }

    /** True when the synchronizer is a ReentrantReadWriteLock's. */
    static boolean isReadWrite(Object sync) {
        for (Class<?> c = sync.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(SYNC)) {
                return true;
            }
        }
        return false;
    }

    static synchronized Found of(Object sync, Map<Long, Thread> threads) {
        List<Thread> out = new ArrayList<Thread>();
        int holds = 0;
        try {
            if (!resolve(sync)) {
                return new Found(out, 0);
            }
            Object first = get(firstReader, sync);
            int firstCount = firstReaderHoldCount == null ? 0 : firstReaderHoldCount.getInt(sync);
            Thread firstThread = null;
            if (first instanceof Thread && firstCount > 0) {
                firstThread = (Thread) first;
                out.add(firstThread);
                holds += firstCount;
            }
            Object key = get(readHolds, sync);
            Object cached = get(cachedHoldCounter, sync);
            List<Thread> others = new ArrayList<Thread>();
            List<Object> counters = new ArrayList<Object>();
            for (Thread t : threads.values()) {
                if (t == firstThread) {
                    continue;
                }
                Object counter = counterOf(t, key);
                if (counter != null && countOf(counter) > 0) {
                    others.add(t);
                    counters.add(counter);
                }
            }
            if (cached != null && countOf(cached) > 0 && tid != null) {
                Thread t = threads.get(tid.getLong(cached));
                if (t != null && t != firstThread && !others.contains(t)) {
                    others.add(t);
                    counters.add(counterOf(t, key));
                }
            }
            for (int i = 0; i < others.size(); i++) {
                Object counter = counters.get(i);
                holds += counter == null ? 1 : Math.max(1, countOf(counter));
            }
            Collections.sort(others, new Comparator<Thread>() {
                @Override
                public int compare(Thread a, Thread b) {
                    return Long.compare(a.getId(), b.getId());
                }
            });
            out.addAll(others);
            return new Found(out, holds);
        } catch (Throwable e) {
            return new Found(new ArrayList<Thread>(), 0);
        }
    }

    /** The value of the ThreadLocal key in the thread's threadLocals map, or null. */
    private static Object counterOf(Thread t, Object key) throws IllegalAccessException {
        if (key == null || threadLocals == null || table == null || entryValue == null) {
            return null;
        }
        Object map = threadLocals.get(t);
        Object[] slots = map == null ? null : (Object[]) table.get(map);
        if (slots == null || slots.length > MAX_TABLE) {
            return null;
        }
        for (Object slot : slots) {
            if (slot instanceof Reference && ((Reference<?>) slot).get() == key) {
                return entryValue.get(slot);
            }
        }
        return null;
    }

    private static int countOf(Object counter) throws IllegalAccessException {
        return count == null || counter == null || !count.getDeclaringClass().isInstance(counter) ? 0 : count.getInt(counter);
    }

    private static Object get(Field f, Object o) throws IllegalAccessException {
        return f == null ? null : f.get(o);
    }

    /** The fields, once; java.lang opened here (Thread.threadLocals) and only here. */
    private static boolean resolve(Object sync) {
        if (resolved) {
            return syncClass != null;
        }
        resolved = true;
        for (Class<?> c = sync.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(SYNC)) {
                syncClass = c;
            }
        }
        if (syncClass == null) {
            return false;
        }
        ModuleAccess.open(syncClass);
        firstReader = field(syncClass, "firstReader");
        firstReaderHoldCount = field(syncClass, "firstReaderHoldCount");
        readHolds = field(syncClass, "readHolds");
        cachedHoldCounter = field(syncClass, "cachedHoldCounter");
        Class<?> holdCounter = type(SYNC + "$HoldCounter");
        count = field(holdCounter, "count");
        tid = field(holdCounter, "tid");
        if (ModuleAccess.open(Thread.class)) {
            threadLocals = field(Thread.class, "threadLocals");
            table = field(type("java.lang.ThreadLocal$ThreadLocalMap"), "table");
            entryValue = field(type("java.lang.ThreadLocal$ThreadLocalMap$Entry"), "value");
        }
        return true;
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (Throwable e) {
            return null;
        }
    }

    private static Field field(Class<?> c, String name) {
        if (c == null) {
            return null;
        }
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (Throwable e) {
            return null;
        }
    }
}
