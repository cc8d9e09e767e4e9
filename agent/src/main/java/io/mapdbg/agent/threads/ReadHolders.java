package io.mapdbg.agent.threads;

import io.mapdbg.agent.ModuleAccess;
import io.mapdbg.layouts.ReadHolds;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * The threads that hold read counts of a {@code ReentrantReadWriteLock}, by the layouts module's {@link ReadHolds}
 * rule (which debugger-cli's {@code io.mapdbg.locks.ReadHolders} follows over JDWP): {@code firstReader} with its
 * count, then every thread whose {@code threadLocals} map holds a {@code HoldCounter} with a count under the
 * lock's {@code readHolds} (or whose counter is the lock's {@code cachedHoldCounter}), by thread id. Asked only for a lock that has waiters and
 * read holds; reads java.lang's Thread.threadLocals, so java.lang is opened to the agent on the first call.
 * Never throws: a layout it cannot read gives no holders.
 */
final class ReadHolders {
    private static final String SYNC = ReadHolds.SYNC;
    private static final int MAX_TABLE = ReadHolds.MAX_TABLE;

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

    /** The holders found (see {@link ReadHolds.Holders}); none when the layout cannot be read. */
    static synchronized ReadHolds.Holders<Thread> of(Object sync, Map<Long, Thread> threads) {
        try {
            if (!resolve(sync)) {
                return new ReadHolds.Holders<Thread>(null, 0);
            }
            Object first = get(firstReader, sync);
            int firstCount = firstReaderHoldCount == null ? 0 : firstReaderHoldCount.getInt(sync);
            ReadHolds.Holders<Thread> found = new ReadHolds.Holders<Thread>(
                    first instanceof Thread ? (Thread) first : null, firstCount);
            Thread firstThread = found.first();
            Object key = get(readHolds, sync);
            Object cached = get(cachedHoldCounter, sync);
            for (Thread t : threads.values()) {
                if (t == firstThread) {
                    continue;
                }
                int count = countOf(counterOf(t, key));
                if (count > 0) {
                    found.other(t.getId(), t, count);
                }
            }
            if (cached != null && countOf(cached) > 0 && tid != null) {
                Thread t = threads.get(tid.getLong(cached));
                if (t != null && t != firstThread) {
                    found.other(t.getId(), t, countOf(counterOf(t, key)));
                }
            }
            return found;
        } catch (Throwable e) {
            return new ReadHolds.Holders<Thread>(null, 0);
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
