package io.mapdbg.service;

import io.mapdbg.backend.Backend;
import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Result;

/** threads and blocked: the thread list, stack groups and who waits on which lock, from either backend. */
public final class ThreadsService {
    private final Backend backend;

    public ThreadsService(Backend backend) {
        this.backend = backend;
    }

    /** threads: a ThreadList, or a StackProfile with query.group(). */
    public Result threads(ThreadQuery query) {
        return backend.threads(query);
    }

    /** threads --blocked, blocked: the top clusters (0 for all; deadlocks always shown). */
    public BlockedReport blocked(BlockedOptions options, int top) {
        return backend.blocked(options).top(top);
    }

    /** threads --blocked --group: the waiters' stacks grouped. */
    public Result blockedStacks(BlockedOptions options, int top, int depth) {
        return backend.blockedStacks(options, top, depth);
    }
}
