package io.mapdbg.races;

import io.mapdbg.model.MapRef;
import io.mapdbg.session.agent.AgentClient;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Races through the mapdbg agent: the hooks keep Go's hashWriting per map instance in the target (the first thread
 * inside a mutator marks the map, a second one entering while it is marked is an overlap, logged with both threads'
 * stacks and keys). Nothing is held or suspended: a write to an unwatched map pays one comparison, a watched one a
 * thread-local and a few stores. Named maps are watched with {@code hooks.watch mode=races}; {@code --all} turns
 * the marker on for every instance of the non-thread-safe map classes ({@code hooks.races all=true}). The overlap
 * log is polled with {@code hooks.overlaps}; everything is unwatched and the classes put back on close.
 *
 * <p>{@link WatchedTarget#object()} is not used (there may be no JDWP): a target is named by its ref's path, or by
 * its agent id when the path is null.
 */
public final class AgentRaceSource implements RaceSource {
    static final long POLL_MILLIS = 100;

    private final AgentClient agent;
    private final boolean all;
    private final int duty;
    private final Map<Long, MapRef> named = new LinkedHashMap<>(); // by agent id; guarded by this
    private final Map<Long, Long> seen = new HashMap<>(); // overlaps handed over per agent id; guarded by this
    private final Map<Long, Long> seenUnordered = new HashMap<>(); // unordered writes handed over; guarded by this
    private final List<MapRef> watched = new ArrayList<>();
    private final Map<MapRef, String> notWatched = new LinkedHashMap<>(); // named maps set aside, with why
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mapdbg-race-poll");
        t.setDaemon(true);
        return t;
    });
    private OverlapSink sink = o -> { };
    private long startNanos;
    private long startWallMillis;
    private volatile boolean armed;
    private volatile boolean closed;
    private volatile String lost; // why the agent stopped answering, or null
    private volatile long[] allCoverage; // --all: {writes marked in the cells, maps seen}, read with the counts

    /**
     * all: the writer marker on every non-thread-safe map (the targets then only name the maps for the report), on
     * for duty percent of the time.
     */
    public AgentRaceSource(AgentClient agent, boolean all, int duty) {
        this.agent = agent;
        this.all = all;
        this.duty = duty;
    }

    @Override
    public String way() {
        return "agent";
    }

    @Override
    public void start(List<WatchedTarget> maps, OverlapSink sink) {
        this.sink = sink;
        startNanos = System.nanoTime();
        startWallMillis = System.currentTimeMillis();
        armed = true; // from here on close() disarms, whatever fails below
        if (all) {
            synchronized (this) {
                for (WatchedTarget t : maps) {
                    named.put(t.ref().id(), t.ref());
                    watched.add(t.ref());
                }
            }
            call("hooks.races", Map.of("all", "true", "reset", "true", "duty", Integer.toString(duty)));
        } else {
            call("hooks.races", Map.of("all", "false", "reset", "true")); // an earlier run's overlaps are not ours
            for (WatchedTarget t : maps) {
                watch(t.ref());
            }
        }
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches one map; a thread-safe one (its class is known only now) is unwatched again and set aside. */
    private void watch(MapRef ref) {
        Map<String, String> args = new LinkedHashMap<>();
        if (ref.path() != null) {
            args.put("path", ref.path());
        } else {
            args.put("id", Long.toString(ref.id()));
        }
        args.put("mode", "races");
        DataInputStream in;
        try {
            in = call("hooks.watch", args);
        } catch (io.mapdbg.session.TargetExitedException e) {
            throw e;
        } catch (io.mapdbg.session.TargetException e) {
            // a map class the hooks do not instrument (Collections$SynchronizedMap, say): set aside, with why
            String m = e.getMessage() == null ? "" : e.getMessage();
            int is = m.indexOf(" is not a map class the hooks know");
            if (is < 0) {
                throw e;
            }
            String className = m.substring(m.startsWith("hooks.watch: ") ? "hooks.watch: ".length() : 0, is);
            MapRef named = new MapRef(ref.id(), className, ref.path());
            synchronized (this) {
                notWatched.put(named, MapSafety.notWatchedByName(className).orElse(
                        MapSafety.notWatched(List.of(className)).orElse("not a map the hooks instrument")));
            }
            return;
        }
        try {
            long id = in.readLong();
            String className = in.readUTF();
            MapRef resolved = new MapRef(id, className, ref.path());
            if (MapSafety.notWatchedByName(className).isPresent()) {
                call("hooks.unwatch", Map.of("id", Long.toString(id)));
                synchronized (this) {
                    notWatched.put(resolved, MapSafety.notWatchedByName(className).get());
                }
                return;
            }
            synchronized (this) {
                named.put(id, resolved);
                watched.add(resolved);
            }
        } catch (IOException e) {
            throw new io.mapdbg.session.TargetException("the agent's answer to hooks.watch could not be read: " + e, e);
        }
    }

    /** Under --all, after {@link #counts()}: {writes the cells saw, maps seen written}; null when not known. */
    public long[] allCoverage() {
        return allCoverage;
    }

    /** The maps watched (agent ids, classes and paths as the agent resolved them). */
    public synchronized List<MapRef> watched() {
        return List.copyOf(watched);
    }

    /** Named maps set aside (thread-safe, or a class the hooks do not instrument), with why: the skipped list. */
    public synchronized Map<MapRef, String> notWatched() {
        return new LinkedHashMap<>(notWatched);
    }

    /** Why the agent stopped answering (the target exited, say), or null while it answers. */
    public String lost() {
        return lost;
    }

    /** One record of the agent's log as read: its map, counts and writers (the entering one first). */
    private record Logged(long id, String className, long count, long firstMillis, Overlap.Writer[] writers) {
    }

    /**
     * Reads the overlap log and hands what is new to the sink; the log keeps each map once, with its counts (overlaps
     * and unordered writes apart; an older agent sends no kinds: overlaps then).
     */
    private synchronized void poll() {
        if (lost != null) {
            return;
        }
        try {
            DataInputStream in = agent.call("hooks.overlaps", Map.of());
            List<Logged> records = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                long id = in.readLong();
                String className = in.readUTF();
                long count = in.readLong();
                long firstMillis = in.readLong();
                Overlap.Writer[] w = new Overlap.Writer[2];
                for (int t = 0; t < 2; t++) {
                    String thread = in.readUTF();
                    String key = in.readUTF();
                    List<String> stack = new ArrayList<>();
                    for (int f = in.readInt(); f > 0; f--) {
                        stack.add(frame(in.readUTF()));
                    }
                    w[t] = new Overlap.Writer(thread, method(stack), key.equals("null") ? null : key, List.copyOf(stack));
                }
                records.add(new Logged(id, className, count, firstMillis, w));
            }
            in.readLong(); // overlaps beyond the log's bound
            boolean kinds = in.available() > 0;
            int[] kind = new int[records.size()];
            long[] unordered = new long[records.size()];
            boolean[] otherInside = new boolean[records.size()];
            for (int i = 0; i < records.size(); i++) {
                kind[i] = kinds ? in.readByte() : 0;
                unordered[i] = kinds ? in.readLong() : 0;
                otherInside[i] = !kinds || in.readBoolean();
            }
            boolean ids = in.available() > 0; // an older agent sends no thread ids
            for (int i = 0; i < records.size(); i++) {
                Logged r = records.get(i);
                if (ids) {
                    Overlap.Writer[] w = r.writers();
                    w[0] = w[0].withThreadId(in.readLong());
                    w[1] = w[1].withThreadId(in.readLong());
                }
                hand(r, kind[i] == 1, unordered[i], otherInside[i]);
            }
        } catch (RuntimeException | IOException e) {
            lost = e.getMessage();
        }
    }

    /** Hands one record's new overlaps and unordered writes to the sink, the record's own kind first. */
    private void hand(Logged r, boolean unorderedFirst, long unordered, boolean otherInside) {
        if (r.firstMillis() < startWallMillis - 1000 || (!all && !named.containsKey(r.id()))) {
            return; // not this run's (a stale log entry, or another watch's map)
        }
        MapRef ref = named.getOrDefault(r.id(), new MapRef(r.id(), r.className(), null));
        long at = startNanos + Math.max(0, r.firstMillis() - startWallMillis) * 1_000_000L;
        // inside is the writer that marked the map first (or wrote it before): the log keeps the entering thread first
        Overlap.Writer inside = r.writers()[1];
        String note = null;
        if (!otherInside) {
            note = inside.thread() + "'s stack inside the map could not be had: it had left the map before it could"
                    + " hand its stack over (a stack read later would show it elsewhere)";
            inside = new Overlap.Writer(inside.thread(), UNKNOWN_METHOD, inside.key(), List.of(), inside.threadId());
        }
        long newOverlaps = r.count() - seen.getOrDefault(r.id(), 0L);
        long newUnordered = unordered - seenUnordered.getOrDefault(r.id(), 0L);
        seen.put(r.id(), r.count());
        seenUnordered.put(r.id(), unordered);
        Overlap asOverlap = new Overlap(ref, inside, r.writers()[0], at, Overlap.OVERLAP, note);
        Overlap asUnordered = new Overlap(ref, inside, r.writers()[0], at, Overlap.UNORDERED, note);
        if (unorderedFirst) {
            sink.overlaps(asUnordered, newUnordered);
            sink.overlaps(asOverlap, newOverlaps);
        } else {
            sink.overlaps(asOverlap, newOverlaps);
            sink.overlaps(asUnordered, newUnordered);
        }
    }

    static final String UNKNOWN_METHOD = "(not known: no stack inside the map)";

    /**
     * The mutator a writer is in: its first java.util map frame ("HashMap.putVal"), or {@link #UNKNOWN_METHOD}.
     */
    static String method(List<String> stack) {
        for (String f : stack) {
            int paren = f.indexOf('(');
            String name = paren < 0 ? f : f.substring(0, paren);
            if (name.startsWith("java.util.") && name.contains("Map")) {
                int methodDot = name.lastIndexOf('.');
                int classDot = methodDot <= 0 ? -1 : name.lastIndexOf('.', methodDot - 1);
                return name.substring(classDot + 1);
            }
        }
        return UNKNOWN_METHOD;
    }

    /**
     * A frame as JDWP's stacks show it: without the class loader and module ("java.base@17/", "app//"), which are
     * leading segments without '$' or '(' (a hidden class's name keeps its "/0x..." suffix).
     */
    static String frame(String element) {
        String f = element;
        for (int n = 0; n < 2; n++) {
            int slash = f.indexOf('/');
            if (slash < 0) {
                break;
            }
            String segment = f.substring(0, slash);
            if (segment.indexOf('$') >= 0 || segment.indexOf('(') >= 0) {
                break;
            }
            f = f.substring(slash + 1);
        }
        return f;
    }

    @Override
    public WriteCounts counts() {
        Map<Long, Long> writes = new HashMap<>();
        Map<Long, Integer> writers = new HashMap<>();
        try {
            DataInputStream in = call("hooks.counts", Map.of());
            for (int n = in.readInt(); n > 0; n--) {
                long id = in.readLong();
                writes.put(id, in.readLong());
                writers.put(id, in.readInt());
            }
            if (in.available() >= 16) { // appended by agents that count --all's coverage
                allCoverage = new long[] {in.readLong(), in.readLong()};
            }
        } catch (IOException | io.mapdbg.session.TargetException e) {
            // an agent loaded by an older mapdbg has no counts: the report says -1
            return new WriteCounts(Map.of(), Map.of());
        }
        return new WriteCounts(writes, writers);
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("through the mapdbg agent: a per-instance writer marker in the hooked mutators (Go's hashWriting); "
                + "nothing is held or suspended, a write to an unwatched map pays one comparison");
        if (all) {
            notes.add("--all through the agent covers every instance of HashMap, LinkedHashMap, TreeMap, IdentityHashMap,"
                    + " WeakHashMap and their subclasses (no --top bound; the maps listed as watched are those static "
                    + "fields reach); ConcurrentHashMap, Hashtable and synchronizedMap are never watched");
            notes.add((duty >= 100 ? "--duty 100: the writer cells are always open"
                    : "--duty " + duty + ": the writer cells are open " + duty + "% of the time, in 20 ms turns")
                    + "; each turn up to four maps seen written by two threads go through the marker, in turn (held open "
                    + "~20 us now and then to let overlaps show); a race is seen only while the cells are open and its "
                    + "map has its turn" + (duty >= 100 ? "" : " (--duty 100 costs maps written by one thread "
                    + "several times what 10 does)"));
        }
        notes.add("a change of writer of a " + (all ? "hot" : "watched") + " map has the writer learn its own locks"
                + " (ThreadMXBean, 20-60 us, at most once per 10 ms per map and writer; its j.u.c locks by a heap walk,"
                + " at most 2% of the time): writers that come back with no lock in common are reported as unordered"
                + " writes, even if they never overlap; a single hand-off is not");
        if (all) {
            notes.add("under --all, writes per map are not counted (writes and writers are -1; --map counts them)");
        }
        return notes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        poller.shutdown();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!armed) {
            return;
        }
        poll(); // the last overlaps before disarming
        try {
            if (all) {
                call("hooks.races", Map.of("all", "false"));
            }
            List<Long> ids;
            synchronized (this) {
                ids = all ? List.of() : new ArrayList<>(named.keySet());
            }
            for (long id : ids) {
                call("hooks.unwatch", Map.of("id", Long.toString(id)));
            }
            call("hooks.clear", Map.of()); // this client's leftovers; the classes get their original bytes back when no other client has hooks armed
        } catch (RuntimeException gone) {
            // the target or its agent is gone: nothing is left to disarm
        }
    }

    private DataInputStream call(String name, Map<String, String> args) {
        return agent.call(name, args);
    }
}
