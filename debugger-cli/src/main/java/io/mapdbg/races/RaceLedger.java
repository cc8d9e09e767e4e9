package io.mapdbg.races;

import io.mapdbg.model.MapRef;
import io.mapdbg.model.Race;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps each raced map once: the first overlap (or unordered writes) in full (threads, stacks, keys, its kind), later
 * ones as counts (overlaps and unordered writes apart) and the names of further threads. Thread-safe; the first overlap of a map is also handed to onFirst (the REPL
 * announces it as it happens).
 */
public final class RaceLedger implements OverlapSink {
    private final long startNanos;
    private final Consumer<Race> onFirst;
    private final Map<Long, Entry> byMap = new LinkedHashMap<>(); // guarded by this

    private static final class Entry {
        final Overlap first;
        final Set<String> threads = new LinkedHashSet<>();
        long overlaps;
        long unordered;

        Entry(Overlap first) {
            this.first = first;
        }
    }

    public RaceLedger(long startNanos, Consumer<Race> onFirst) {
        this.startNanos = startNanos;
        this.onFirst = onFirst;
    }

    @Override
    public void overlap(Overlap overlap) {
        overlaps(overlap, 1);
    }

    @Override
    public void overlaps(Overlap overlap, long n) {
        if (n <= 0) {
            return;
        }
        Race announce = null;
        synchronized (this) {
            Entry e = byMap.get(overlap.map().id());
            if (e == null) {
                e = new Entry(overlap);
                byMap.put(overlap.map().id(), e);
                boolean unordered = Overlap.UNORDERED.equals(overlap.kind());
                announce = race(e.first, unordered ? 0 : 1, unordered ? 1 : 0,
                        List.of(overlap.inside().thread(), overlap.entering().thread()));
            }
            if (Overlap.UNORDERED.equals(overlap.kind())) {
                e.unordered += n;
            } else {
                e.overlaps += n;
            }
            e.threads.add(overlap.inside().thread());
            e.threads.add(overlap.entering().thread());
        }
        if (announce != null) {
            onFirst.accept(announce);
        }
    }

    /** Every raced map so far, in the order their first overlap was seen. */
    public synchronized List<Race> races() {
        List<Race> out = new ArrayList<>();
        for (Entry e : byMap.values()) {
            out.add(race(e.first, e.overlaps, e.unordered, List.copyOf(e.threads)));
        }
        return out;
    }

    public synchronized boolean found(long mapId) {
        return byMap.containsKey(mapId);
    }

    private Race race(Overlap o, long overlaps, long unordered, List<String> threads) {
        MapRef map = o.map();
        Map<String, List<String>> stacks = new LinkedHashMap<>();
        stacks.put(o.inside().thread(), o.inside().stack());
        stacks.putIfAbsent(o.entering().thread(), o.entering().stack());
        List<String> keys = new ArrayList<>();
        keys.add(o.inside().key());
        keys.add(o.entering().key());
        List<Race.RaceWrite> writes = List.of(write(o.inside()), write(o.entering()));
        long firstMillis = Math.max(0, (o.atNanos() - startNanos) / 1_000_000);
        return new Race(map, o.kind(), threads, overlaps, unordered, stacks, keys, writes, firstMillis, o.note(), null);
    }

    private static Race.RaceWrite write(Overlap.Writer w) {
        return new Race.RaceWrite(w.thread(), w.method(), w.key(), w.threadId());
    }
}
