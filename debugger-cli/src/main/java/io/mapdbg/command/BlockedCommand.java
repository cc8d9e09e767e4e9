package io.mapdbg.command;

import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.model.Result;
import io.mapdbg.service.ThreadsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "blocked",
        description = {"Who waits on which lock: clusters of waiting threads per lock, largest first, with the owner, the map and bin, and deadlocks.",
                "",
                "Same as threads --blocked. Each cluster: the lock (kind monitor, synchronizer -- ReentrantLock, "
                        + "ReentrantReadWriteLock, CountDownLatch, Semaphore --, treebin for a ConcurrentHashMap "
                        + "TreeBin's lockState, or other; class; id; a detail), the owner thread with its state and "
                        + "top frames (what it does while it holds the lock), the waiting threads with the frame "
                        + "where each waits, and, where the lock belongs to a map, the map (id, class, static path) "
                        + "and bin (-1 when the lock covers the whole map: Hashtable, synchronizedMap). A CHM bin "
                        + "head or ReservationNode is found in the table of the map the waiter runs in.",
                "",
                "Idle waits are left out unless --all-waits: pool workers waiting for work (LinkedBlockingQueue.take, "
                        + "SynchronousQueue, ForkJoinPool.awaitWork, ThreadPoolExecutor.getTask), the JVM's reference "
                        + "and cleaner threads on their ReferenceQueue, Timer threads between tasks. Threads BLOCKED "
                        + "entering a monitor are always shown.",
                "",
                "Deadlocks are cycles in the wait-for graph (thread -> lock -> owner thread) over monitors and "
                        + "ownable synchronizers, each step with the thread's waiting frame. A TreeBin has no owner "
                        + "field. Read holders of a ReentrantReadWriteLock are found from the lock's firstReader "
                        + "and the HoldCounters its readHolds ThreadLocal keeps in each reader's threadLocals map.",
                "",
                "The target is suspended once, for the thread states, locks, owners and the frames of waiters and "
                        + "owners only, and always resumed; maps and static paths are found after the resume.",
                "",
                "When the mapdbg agent already runs in the target, a one-shot 'mapdbg blocked <pid>' (or 'threads "
                        + "<pid> --blocked') takes the same report from the agent's in-target dump instead, without "
                        + "suspending the target; MAPDBG_THREADS=jdwp keeps JDWP.",
                ""})
public final class BlockedCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--all-waits", description = "Also idle waits (pool workers waiting for work, the JVM's reference "
            + "and cleaner threads, Timer threads).")
    boolean allWaits;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "Only the N largest clusters (locks with the most waiters); 0 for all (the default). "
                    + "Deadlocks are always shown.")
    int top;

    @Override
    public Result run(CommandContext context) {
        if (top < 0) {
            throw new CommandException("blocked: --top takes 0 or more", 2);
        }
        // on a JVM without JDWP the agent's thread dump (see threads --agent)
        return new ThreadsService(context.backend()).blocked(new BlockedOptions(allWaits, null, null), top);
    }

    /** Served by either backend (JDWP or the mapdbg agent). */
    @Override
    public Needs needs() {
        return Needs.BACKEND;
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
