package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.WriteFilter;

/**
 * One session's filter of one trace (a map's, or the every-map trace's): its thread and its condition, tested on the
 * writer's thread (see {@link WriteFilter}). The owner is the session's lease: the events a filter accepted go to it.
 */
final class TraceFilter extends WriteFilter {
    private final ConditionTree condition;

    TraceFilter(Object owner, long threadId, ConditionTree condition) {
        super(owner, threadId);
        this.condition = condition;
    }

    @Override
    protected boolean condition(Object map, Object key, Object value) {
        return condition == null || condition.test(map, key, value);
    }

    /** True when it lets every write through (then the map need not be filtered for this session). */
    boolean open() {
        return threadId == 0 && condition == null;
    }
}
