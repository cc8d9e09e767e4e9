package io.mapdbg.agent.threads;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dump of a blocked report ({@code threads blocked=true waitingFrames=true}) with stacks only where the report
 * needs them. Walking 2,000 stacks ten frames deep is most of a thread dump's cost (~60 ms against ~12 ms for the
 * states and locks alone), and the report shows the stacks of a few threads only, so it is taken in steps:
 * <ol>
 * <li>every thread's state, waited-on lock and its owner, no frames;</li>
 * <li>the frames of the owners (and read holders) and of the first waiter of each lock: the client judges an idle wait (a pool worker
 * taking from an empty queue) by that waiter's frames, and {@link IdleFrames} here does the same;</li>
 * <li>the frames of the other waiters of the locks that are not idle (all, with allWaits), written only down to
 * the frame where each waits (all the report shows of a waiter).</li>
 * </ol>
 * The reply has the format of the one-step dump. The steps are three short safepoints, not one: a waiter that got
 * its lock between them is still reported with the lock of step 1 (its frame is then where it is now).
 */
final class BlockedDump {
    private BlockedDump() {
    }

    static void write(Instrumentation inst, int depth, boolean allWaits, DataOutputStream out) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int frames = depth <= 0 ? Integer.MAX_VALUE : depth;
        long started = System.nanoTime();
        ThreadInfo[] infos = mx.getThreadInfo(mx.getAllThreadIds(), 0);
        long took = System.nanoTime() - started;
        Map<Long, Thread> threads = ThreadRequests.allThreads();
        Waits waits = Waits.of(inst, infos, threads);

        // the first waiter of each of the client's clusters, in dump order: the client judges an idle wait by its
        // frames (not idle when it is BLOCKED on a monitor); owners and first waiters get frames down to depth
        Map<String, Waits.Wait> firsts = new HashMap<String, Waits.Wait>();
        Set<Long> full = new HashSet<Long>();
        for (Waits.Wait w : waits.waits) {
            if (!firsts.containsKey(w.lock.cluster())) {
                firsts.put(w.lock.cluster(), w);
                full.add(w.thread);
            }
            if (w.lock.owner >= 0) {
                full.add(w.lock.owner);
            }
            for (long r : w.lock.readers) {
                full.add(r); // read holders show as owners do
            }
        }
        Map<Long, StackTraceElement[]> stacks = new HashMap<Long, StackTraceElement[]>();
        started = System.nanoTime();
        stacks(mx, full, frames, stacks);
        Set<String> skipped = new HashSet<String>();
        for (Map.Entry<String, Waits.Wait> e : firsts.entrySet()) {
            Waits.Wait first = e.getValue();
            boolean contended = first.lock.kind.equals("monitor") && first.lock.state == Thread.State.BLOCKED;
            StackTraceElement[] stack = stacks.get(first.thread);
            if (!allWaits && !contended && stack != null && IdleFrames.idle(stack)) {
                skipped.add(e.getKey());
            }
        }
        waits.valueEntries(skipped); // map entries of latch-style waits the report shows
        Set<Long> others = new HashSet<Long>(); // the other waiters: frames down to where each waits
        for (Waits.Wait w : waits.waits) {
            if (!full.contains(w.thread) && !skipped.contains(w.lock.cluster())) {
                others.add(w.thread);
            }
        }
        stacks(mx, others, frames, stacks);
        took += System.nanoTime() - started;

        out.writeLong(took);
        out.writeInt(ThreadRequests.present(infos));
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            StackTraceElement[] stack = stacks.get(id);
            if (stack == null) {
                stack = new StackTraceElement[0];
            }
            int shown = full.contains(id) ? stack.length : Math.min(stack.length, IdleFrames.waitingFrame(stack) + 1);
            ThreadRequests.writeThread(out, info, threads.get(id), stack, shown);
        }
        waits.write(out);
    }

    /** The top frames (at most max) of these threads into stacks; a thread that ended meanwhile has none. */
    private static void stacks(ThreadMXBean mx, Set<Long> ids, int max, Map<Long, StackTraceElement[]> stacks) {
        if (ids.isEmpty()) {
            return;
        }
        long[] wanted = new long[ids.size()];
        int i = 0;
        for (long id : ids) {
            wanted[i++] = id;
        }
        Arrays.sort(wanted);
        for (ThreadInfo info : mx.getThreadInfo(wanted, max)) {
            if (info != null) {
                stacks.put(info.getThreadId(), info.getStackTrace());
            }
        }
    }
}
