package io.mapdbg.threads;

import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.LongValue;
import com.sun.jdi.BooleanValue;
import com.sun.jdi.ObjectCollectedException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import io.mapdbg.session.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads many threads at once. Each JDI call on a thread is a JDWP round trip, and JDI keeps several requests
 * in flight from several caller threads, so the reads of thousands of threads run on a small pool: the cost
 * is then the target's work, not the latency of one round trip after another.
 *
 * <p>Per thread: one read of {@code tid} and the status fields (plus one of {@code Thread.holder} on JDK 19+),
 * one of the name, and frames only for the threads that are shown. Close it to stop the pool.
 */
public final class ThreadReader implements AutoCloseable {
    /** Pool size: JDWP serves one command at a time in the target, so more callers only queue there. */
    public static final int PARALLELISM = 8;

    private final VirtualMachine vm;
    private ExecutorService pool; // started on the first parallel read
    private final Field tid;
    private final Field daemon;       // on Thread (JDK 17) or Thread$FieldHolder (JDK 19+)
    private final Field threadStatus; // same
    private final Field holder;       // null before JDK 19

    public ThreadReader(VirtualMachine vm) {
        this.vm = vm;
        ClassType thread = classNamed("java.lang.Thread");
        this.tid = thread == null ? null : thread.fieldByName("tid");
        Field h = thread == null ? null : thread.fieldByName("holder");
        ReferenceType statusOwner = thread;
        if (h != null) {
            statusOwner = classNamed("java.lang.Thread$FieldHolder");
        }
        this.holder = statusOwner == null ? null : h;
        this.daemon = statusOwner == null ? null : statusOwner.fieldByName("daemon");
        this.threadStatus = statusOwner == null ? null : statusOwner.fieldByName("threadStatus");
    }

    private ClassType classNamed(String name) {
        for (ReferenceType t : vm.classesByName(name)) {
            if (t instanceof ClassType c) {
                return c;
            }
        }
        return null;
    }

    /** Every platform thread the target has (virtual threads only when JDWP runs with includevirtualthreads=y). */
    public List<ThreadReference> allThreads() {
        return vm.allThreads();
    }

    /** The facts of each thread; threads that ended meanwhile are left out. */
    public List<LiveThread> read(List<ThreadReference> threads) {
        List<LiveThread> out = new ArrayList<>(threads.size());
        for (LiveThread t : map(threads, this::readOne)) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** One thread's facts, or null when it has ended. */
    public LiveThread readOne(ThreadReference t) {
        try {
            String name = t.name();
            long id = t.uniqueID();
            Boolean isDaemon = null;
            Integer status = null;
            if (tid != null) {
                List<Field> fields = new ArrayList<>(3);
                fields.add(tid);
                fields.add(holder != null ? holder : daemon);
                if (holder == null && threadStatus != null) {
                    fields.add(threadStatus);
                }
                Map<Field, Value> v = t.getValues(fields);
                if (v.get(tid) instanceof LongValue l) {
                    id = l.value();
                }
                Map<Field, Value> statusValues = v;
                if (holder != null && v.get(holder) instanceof ObjectReference h) {
                    statusValues = h.getValues(List.of(daemon, threadStatus));
                }
                if (statusValues.get(daemon) instanceof BooleanValue b) {
                    isDaemon = b.value();
                }
                if (statusValues.get(threadStatus) instanceof IntegerValue i) {
                    status = i.value();
                }
            }
            if (status == null) { // no field to read: JDI's coarser status (one more round trip)
                int jdi = t.status();
                return new LiveThread(t, id, name, ThreadStates.fromJdiStatus(jdi), ThreadStates.jdiStatus(jdi),
                        Boolean.TRUE.equals(isDaemon));
            }
            String state = ThreadStates.fromThreadStatus(status);
            return new LiveThread(t, id, name, state, ThreadStates.jdiStatusOf(state, status),
                    Boolean.TRUE.equals(isDaemon));
        } catch (ObjectCollectedException | IllegalThreadStateException e) {
            return null; // the thread ended and was collected between allThreads() and this read
        }
    }

    /**
     * The top {@code depth} frames of a suspended thread (all when depth &lt;= 0): one round trip, or two when
     * the stack is shorter than depth. Empty for a thread that ended.
     */
    public static List<StackFrame> frames(ThreadReference t, int depth) {
        try {
            if (depth <= 0) {
                return t.frames();
            }
            try {
                return t.frames(0, depth);
            } catch (IndexOutOfBoundsException shorter) {
                return t.frames(0, Math.min(depth, t.frameCount()));
            }
        } catch (IncompatibleThreadStateException e) {
            throw new TargetException("thread " + t.name() + " is not suspended: its frames cannot be read", e);
        } catch (ObjectCollectedException | IllegalThreadStateException e) {
            return List.of();
        }
    }

    /** Applies work to every item on the pool and returns the answers in order; a vanished VM ends it all. */
    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        ExecutorService pool = pool();
        int chunks = Math.min(items.size(), PARALLELISM * 4);
        int per = (items.size() + chunks - 1) / chunks;
        List<Future<List<R>>> futures = new ArrayList<>();
        for (int from = 0; from < items.size(); from += per) {
            List<T> slice = items.subList(from, Math.min(items.size(), from + per));
            futures.add(pool.submit(() -> {
                List<R> out = new ArrayList<>(slice.size());
                for (T item : slice) {
                    out.add(work.apply(item));
                }
                return out;
            }));
        }
        List<R> out = new ArrayList<>(items.size());
        try {
            for (Future<List<R>> f : futures) {
                out.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new TargetException("interrupted while reading threads", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r; // VMDisconnectedException and TargetException keep their meaning for the caller
            }
            throw new TargetException("reading threads failed: " + cause, cause);
        }
        return out;
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
                Thread t = new Thread(r, "mapdbg-thread-reader-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
