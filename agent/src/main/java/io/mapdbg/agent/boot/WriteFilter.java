package io.mapdbg.agent.boot;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One watcher's filter of a traced map's writes, tested on the writer's thread before the event is queued: a thread
 * (its Java id; 0 for any) and a condition (see the agent's ConditionTree: field reads only, no application code).
 * A condition that throws counts as not met; the failures are counted and the first one kept, to be said once.
 */
public abstract class WriteFilter {
    /** Whose filter this is (the agent's lease of a client session): events go to the owners that accepted them. */
    public final Object owner;
    public final long threadId;
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure;

    protected WriteFilter(Object owner, long threadId) {
        this.owner = owner;
        this.threadId = threadId;
    }

    /** The condition over the write (true when there is none); may throw, which counts as false. */
    protected abstract boolean condition(Object map, Object key, Object value) throws Throwable;

    final boolean accepts(Thread writer, Object map, Object key, Object value) {
        if (threadId != 0 && writer.getId() != threadId) {
            return false;
        }
        try {
            return condition(map, key, value);
        } catch (Throwable t) {
            try {
                if (failures.getAndIncrement() == 0) {
                    firstFailure = String.valueOf(t.getMessage() == null ? t.getClass().getName() : t.getMessage());
                }
            } catch (Throwable ignored) {
                // nothing escapes into the writer
            }
            return false;
        }
    }

    public long failures() {
        return failures.get();
    }

    /** The first failure's message, or null. */
    public String firstFailure() {
        return firstFailure;
    }

    /** A filter that takes writes of one thread only (0: every write). */
    public static WriteFilter ofThread(Object owner, long threadId) {
        return new WriteFilter(owner, threadId) {
            @Override
            protected boolean condition(Object map, Object key, Object value) {
                return true;
            }
        };
    }
}
