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
import io.mapdbg.session.ThreadPackets;

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
 * <p>Per thread, before the pause: its name, one read of {@code tid} and {@code daemon} (two on JDK 19+, where
 * daemon and status live in {@code Thread.holder}); in the pause: one read of {@code threadStatus}, and frames
 * only for the threads that are shown. Close it to stop the pool.
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

    /** What does not change while a thread lives, read before any pause: name, Java id, daemon flag. */
    public record Identity(ThreadReference reference, long id, String name, boolean daemon, ObjectReference statusOwner) {
    }

    /**
     * The identities of the threads, read while the target runs (they do not change: the pause need not pay
     * for them; a renamed thread shows its name of a moment ago). Threads that ended meanwhile are left out.
     */
    public List<Identity> identify(List<ThreadReference> threads) {
        if (ThreadPackets.pipelined() && tid != null && threads.size() > 1) {
            return present(identifyPipelined(threads));
        }
        return present(map(threads, this::identifyOne));
    }

    /** The states of the identified threads (read in the pause, one request each); ended ones are left out. */
    public List<LiveThread> states(List<Identity> threads) {
        if (ThreadPackets.pipelined() && threadStatus != null && threads.size() > 1
                && threads.stream().allMatch(t -> t.statusOwner() != null)) {
            List<ObjectReference> owners = threads.stream().map(Identity::statusOwner).toList();
            List<Map<Field, Value>> values = ThreadPackets.values(vm, owners, List.of(threadStatus));
            List<LiveThread> out = new ArrayList<>(threads.size());
            for (int i = 0; i < threads.size(); i++) {
                if (values.get(i) != null && values.get(i).get(threadStatus) instanceof IntegerValue s) {
                    String state = ThreadStates.fromThreadStatus(s.value());
                    out.add(new LiveThread(threads.get(i), state, ThreadStates.jdiStatusOf(state, s.value())));
                }
            }
            return out;
        }
        return present(map(threads, this::stateOf));
    }

    /** Names, ids and daemon flags as pipelined requests: one or two per thread, many in flight. */
    private List<Identity> identifyPipelined(List<ThreadReference> threads) {
        List<String> names = ThreadPackets.names(vm, threads);
        List<Map<Field, Value>> values = ThreadPackets.values(vm, threads, List.of(tid, holder != null ? holder : daemon));
        List<ObjectReference> holders = new ArrayList<>();
        if (holder != null) {
            for (Map<Field, Value> v : values) {
                if (v != null && v.get(holder) instanceof ObjectReference h) {
                    holders.add(h);
                }
            }
        }
        List<Map<Field, Value>> daemons = holders.isEmpty() ? List.of() : ThreadPackets.values(vm, holders, List.of(daemon));
        List<Identity> out = new ArrayList<>(threads.size());
        int k = 0;
        for (int i = 0; i < threads.size(); i++) {
            Map<Field, Value> v = values.get(i);
            if (v == null || names.get(i) == null) {
                out.add(null); // ended
                continue;
            }
            ThreadReference t = threads.get(i);
            long id = v.get(tid) instanceof LongValue l ? l.value() : t.uniqueID();
            if (holder == null) {
                out.add(new Identity(t, id, names.get(i), v.get(daemon) instanceof BooleanValue b && b.value(), t));
            } else if (v.get(holder) instanceof ObjectReference h) {
                Map<Field, Value> d = daemons.get(k++);
                out.add(new Identity(t, id, names.get(i), d != null && d.get(daemon) instanceof BooleanValue b && b.value(), h));
            } else {
                out.add(new Identity(t, id, names.get(i), false, null));
            }
        }
        return out;
    }

    /** The top depth frames (all when depth &lt;= 0) of each suspended thread, as locations. */
    public List<List<io.mapdbg.model.FrameInfo>> locations(List<ThreadReference> threads, int depth) {
        List<List<ThreadPackets.Frame>> read = ThreadPackets.frames(vm, threads, depth);
        List<List<io.mapdbg.model.FrameInfo>> out = new ArrayList<>(read.size());
        for (List<ThreadPackets.Frame> frames : read) {
            List<io.mapdbg.model.FrameInfo> infos = new ArrayList<>(frames.size());
            for (int i = 0; i < frames.size(); i++) {
                infos.add(FrameReader.location(i, frames.get(i).location()));
            }
            out.add(infos);
        }
        return out;
    }

    /** One thread's identity and state, or null when it has ended. */
    public LiveThread readOne(ThreadReference t) {
        Identity identity = identifyOne(t);
        return identity == null ? null : stateOf(identity);
    }

    private static <T> List<T> present(List<T> items) {
        List<T> out = new ArrayList<>(items.size());
        for (T item : items) {
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    private Identity identifyOne(ThreadReference t) {
        try {
            String name = t.name();
            if (tid == null) {
                return new Identity(t, t.uniqueID(), name, false, null);
            }
            List<Field> fields = new ArrayList<>(2);
            fields.add(tid);
            fields.add(holder != null ? holder : daemon);
            Map<Field, Value> v = t.getValues(fields);
            long id = v.get(tid) instanceof LongValue l ? l.value() : t.uniqueID();
            if (holder == null) {
                return new Identity(t, id, name, v.get(daemon) instanceof BooleanValue b && b.value(), t);
            }
            if (!(v.get(holder) instanceof ObjectReference h)) {
                return new Identity(t, id, name, false, null);
            }
            boolean isDaemon = h.getValues(List.of(daemon)).get(daemon) instanceof BooleanValue b && b.value();
            return new Identity(t, id, name, isDaemon, h);
        } catch (ObjectCollectedException | IllegalThreadStateException e) {
            return null; // the thread ended and was collected between allThreads() and this read
        }
    }

    private LiveThread stateOf(Identity t) {
        try {
            if (t.statusOwner() != null && threadStatus != null
                    && t.statusOwner().getValue(threadStatus) instanceof IntegerValue i) {
                String state = ThreadStates.fromThreadStatus(i.value());
                return new LiveThread(t, state, ThreadStates.jdiStatusOf(state, i.value()));
            }
            int jdi = t.reference().status(); // no field to read: JDI's coarser status
            return new LiveThread(t, ThreadStates.fromJdiStatus(jdi), ThreadStates.jdiStatus(jdi));
        } catch (ObjectCollectedException | IllegalThreadStateException e) {
            return null;
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
