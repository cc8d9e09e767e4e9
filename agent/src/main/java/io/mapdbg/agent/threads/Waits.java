package io.mapdbg.agent.threads;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.layout.MapLocks;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * What each waiting thread of a thread dump waits on: the lock (kind, class, identity), its owner, and the map and
 * bin it belongs to where a static field reaches that map. Everything about a lock is worked out once per lock
 * (500 waiters on five locks: five map lookups, five owner and state reads), in dump order.
 */
final class Waits {
    /** One lock, as every waiter of it is reported. */
    static final class Lock {
        final String kind;
        final String lockClass;
        final String key;
        final long id;
        final String detail;
        final long owner;
        final MapLocks.Found found;
        /** The state of its waiters: BLOCKED (entering a monitor), else WAITING or TIMED_WAITING. */
        final Thread.State state;
        /** A ReentrantReadWriteLock's read holders found (ids), firstReader first; empty for any other lock. */
        long[] readers = new long[0];
        /** The map entry whose value is (or holds) this latch-style lock, or null. */
        ValueIndex.Slot entry;
        /** The park blocker, or null for a monitor (known by class and identity only). */
        Object object;
        int identity;

        Lock(String kind, String lockClass, String key, long id, String detail, long owner, MapLocks.Found found,
             Thread.State state) {
            this.kind = kind;
            this.lockClass = lockClass;
            this.key = key;
            this.id = id;
            this.detail = detail;
            this.owner = owner;
            this.found = found;
            this.state = state;
        }

        /**
         * The client's cluster: kind and key (threads entering a monitor and threads in wait() on it are one
         * cluster, of kind monitor).
         */
        String cluster() {
            return kind + ":" + key;
        }
    }

    /** A waiting thread and its lock. */
    static final class Wait {
        final long thread;
        final Lock lock;

        Wait(long thread, Lock lock) {
            this.thread = thread;
            this.lock = lock;
        }
    }

    final List<Wait> waits = new ArrayList<Wait>();
    final Map<String, Lock> locks = new HashMap<String, Lock>();
    /** The locks in the order first seen. */
    final List<Lock> order = new ArrayList<Lock>();
    private MapLocks maps;

    private Waits() {
    }

    /** The waits of these threads (threads: the live Thread objects by id, for their park blockers). */
    static Waits of(Instrumentation inst, ThreadInfo[] infos, Map<Long, Thread> threads) {
        Waits out = new Waits();
        MapLocks maps = null;
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            Thread t = threads.get(info.getThreadId());
            Thread.State state = info.getThreadState();
            LockInfo monitor = info.getLockInfo();
            boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
            Object blocker = t == null || !waiting ? null : LockSupport.getBlocker(t);
            String lockClass;
            int identity;
            if (state == Thread.State.BLOCKED && monitor != null) {
                lockClass = monitor.getClassName();
                identity = monitor.getIdentityHashCode();
            } else if (blocker != null) {
                lockClass = blocker.getClass().getName();
                identity = System.identityHashCode(blocker);
            } else if (waiting && monitor != null) {
                lockClass = monitor.getClassName();
                identity = monitor.getIdentityHashCode();
            } else {
                continue;
            }
            String key = lockClass + "@" + Integer.toHexString(identity); // the key that groups waiters per lock
            // a TreeBin has BLOCKED waiters on its monitor and parked ones: two locks, as are entering and waiting
            String how = state == Thread.State.BLOCKED ? "B:" : blocker != null ? "P:" : "W:";
            Lock lock = out.locks.get(how + key);
            if (lock == null) {
                if (maps == null) {
                    maps = new MapLocks(inst);
                }
                lock = lock(maps, info, state, blocker, lockClass, identity, key, threads);
                lock.object = blocker;
                lock.identity = identity;
                out.locks.put(how + key, lock);
                out.order.add(lock);
            }
            out.waits.add(new Wait(info.getThreadId(), lock));
        }
        out.maps = maps;
        return out;
    }

    /**
     * The map entries of the latch-style locks no map bin claimed (a CountDownLatch, Semaphore, CompletableFuture,
     * Phaser, or a monitor waited on with Object.wait, as the JDWP path picks them), but not of the clusters
     * skipped (idle waits the report leaves out): the map values are indexed once, and only when such a lock exists.
     */
    void valueEntries(Set<String> skipped) {
        ValueIndex index = null;
        for (Lock l : order) {
            if (maps == null || l.found != null || !latchStyle(l) || skipped.contains(l.cluster())) {
                continue;
            }
            if (index == null) {
                index = ValueIndex.of(maps.reachable());
            }
            try {
                l.entry = l.object != null ? index.byObject(l.object) : index.byIdentity(l.lockClass, l.identity);
            } catch (RuntimeException e) {
                l.entry = null;
            }
        }
    }

    private static boolean latchStyle(Lock l) {
        String cls = l.lockClass;
        return cls.startsWith("java.util.concurrent.CountDownLatch") || cls.startsWith("java.util.concurrent.Semaphore")
                || cls.startsWith("java.util.concurrent.CompletableFuture") || cls.startsWith("java.util.concurrent.Phaser")
                || "Object.wait()".equals(l.detail);
    }

    private static Lock lock(MapLocks maps, ThreadInfo info, Thread.State state, Object blocker, String lockClass,
                             int identity, String key, Map<Long, Thread> threads) {
        String kind;
        String detail = null;
        long owner = -1;
        List<Thread> readers = new ArrayList<Thread>();
        if (state == Thread.State.BLOCKED) {
            kind = "monitor";
            owner = info.getLockOwnerId();
        } else if (blocker != null) {
            if (MapLocks.isTreeBin(blocker)) {
                kind = "treebin";
                detail = MapLocks.treeBinState(blocker) + "; owner unknown (a TreeBin has no owner field)";
            } else if (blocker instanceof AbstractOwnableSynchronizer) {
                // AbstractQueuedSynchronizer, or AbstractQueuedLongSynchronizer (ReentrantReadWriteLock on JDK 25)
                kind = "synchronizer";
                detail = ThreadRequests.Synchronizers.detail((AbstractOwnableSynchronizer) blocker, threads, readers);
                Thread o = ThreadRequests.Synchronizers.owner((AbstractOwnableSynchronizer) blocker);
                owner = o == null ? -1 : o.getId();
            } else {
                kind = "other";
            }
        } else {
            kind = "monitor";
            detail = "Object.wait()";
        }
        MapLocks.Found f;
        try {
            f = blocker != null ? maps.byObject(blocker) : maps.byIdentity(lockClass, identity);
        } catch (RuntimeException e) {
            f = null;
        }
        if (kind.equals("monitor") && f != null && MapLocks.isTreeBin(f.lock)) {
            detail = MapLocks.treeBinState(f.lock); // as over JDWP: a TreeBin's monitor says its lockState
        }
        Object lockObject = f != null ? f.lock : blocker;
        long id = lockObject != null ? ObjectIds.get().idOf(lockObject) : identity;
        Lock lock = new Lock(kind, lockClass, key, id, detail, owner, f, state);
        lock.readers = new long[readers.size()];
        for (int i = 0; i < lock.readers.length; i++) {
            lock.readers[i] = readers.get(i).getId();
        }
        return lock;
    }

    /** The waits in the reply's format, after the threads. */
    void write(DataOutputStream w) throws IOException {
        w.writeInt(waits.size());
        Map<Lock, byte[]> encoded = new HashMap<Lock, byte[]>(); // the same bytes for every waiter of a lock
        for (Wait wait : waits) {
            w.writeLong(wait.thread);
            byte[] bytes = encoded.get(wait.lock);
            if (bytes == null) {
                bytes = encode(wait.lock);
                encoded.put(wait.lock, bytes);
            }
            w.write(bytes);
        }
        writeExtras(w);
    }

    /**
     * After the waits, what a client of this build reads when present (one of an older build stops before it):
     * per lock in first-seen order its read holders and map entry, then per wait the index of its lock.
     */
    private void writeExtras(DataOutputStream w) throws IOException {
        Map<Lock, Integer> index = new HashMap<Lock, Integer>();
        w.writeInt(order.size());
        for (Lock l : order) {
            index.put(l, index.size());
            w.writeInt(l.readers.length);
            for (long r : l.readers) {
                w.writeLong(r);
            }
            ValueIndex.Slot e = l.entry;
            w.writeBoolean(e != null);
            if (e != null) {
                w.writeLong(e.mapId());
                w.writeUTF(e.map.getClass().getName());
                writeNullable(w, e.path);
                w.writeUTF(e.key.length() > 16_000 ? e.key.substring(0, 16_000) : e.key);
            }
        }
        for (Wait wait : waits) {
            w.writeInt(index.get(wait.lock));
        }
    }

    private static byte[] encode(Lock l) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(256);
        DataOutputStream w = new DataOutputStream(buffer);
        w.writeUTF(l.kind);
        w.writeUTF(l.lockClass);
        w.writeUTF(l.key);
        w.writeLong(l.id);
        writeNullable(w, l.detail);
        w.writeLong(l.owner);
        MapLocks.Found f = l.found;
        w.writeBoolean(f != null);
        if (f != null) {
            w.writeLong(f.mapId());
            w.writeUTF(f.map.getClass().getName());
            writeNullable(w, f.path);
            w.writeInt(f.bin);
            writeNullable(w, f.note);
        }
        w.flush();
        return buffer.toByteArray();
    }

    static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
        }
    }
}
