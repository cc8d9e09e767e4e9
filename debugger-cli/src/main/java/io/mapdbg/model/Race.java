package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One map written by two threads without order. kind: "overlap" (two threads seen inside its mutators at once, the
 * Java "concurrent map writes") or "unordered-writes" (its writer changed back and forth with no lock the writers held
 * in common, though no overlap was seen); unorderedWrites counts such changes of writer, overlaps the overlaps (a map
 * can show both; kind is what was seen first). stackNote, when not null, says which stack could not be had inside
 * the map (its list is then empty: never a stack from elsewhere). threads: the first overlap's two
 * writers, the one already inside first; stacks: each of them at the moment of the overlap, by thread name;
 * keys: the keys they were writing, in the order of threads (null where the method takes no key, e.g. clear or
 * resize); writes: thread, method and key of each. overlaps counts every overlap seen on this map during the
 * run; firstSeenMillis is when the first one was seen, from the start of the watch. damage is the integrity
 * check of {@code buckets} run on the map after the watch.
 */
public record Race(MapRef map, String kind, List<String> threads, long overlaps, long unorderedWrites,
                   Map<String, List<String>> stacks, List<String> keys, List<RaceWrite> writes, long firstSeenMillis,
                   String stackNote, Damage damage) {

    /** An overlap (kind "overlap") with both stacks. */
    public Race(MapRef map, List<String> threads, long overlaps, Map<String, List<String>> stacks, List<String> keys,
                List<RaceWrite> writes, long firstSeenMillis, Damage damage) {
        this(map, "overlap", threads, overlaps, 0, stacks, keys, writes, firstSeenMillis, null, damage);
    }

    /** One writer inside a mutator of the map at the overlap; threadId: its Java id (jstack's #N), null if not known. */
    public record RaceWrite(String thread, String method, String key,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long threadId) {
        public RaceWrite(String thread, String method, String key) {
            this(thread, method, key, null);
        }
    }

    /**
     * What the integrity check of buckets found on the raced map: size (what size() returns) against the entries
     * walked, and the problems (size-mismatch, cycle, wrong-bin, tree-links). checked is false where the layout
     * has no integrity check (TreeMap) or the walk failed; note says why.
     */
    public record Damage(boolean checked, boolean ok, Long size, Long walked, List<Problem> problems, String note) {
        public static Damage notChecked(String why) {
            return new Damage(false, true, null, null, List.of(), why);
        }
    }

    public Race withDamage(Damage d) {
        return new Race(map, kind, threads, overlaps, unorderedWrites, stacks, keys, writes, firstSeenMillis, stackNote, d);
    }

    public Race withMap(MapRef m, Damage d) {
        return new Race(m, kind, threads, overlaps, unorderedWrites, stacks, keys, writes, firstSeenMillis, stackNote, d);
    }
}
