package io.mapdbg.session;

import java.util.ArrayList;
import java.util.List;

/** Splits an array range into JDWP reads small enough to be safe: more than 65,536 elements in one call kills the target. */
public final class ArrayChunks {

    /** Largest number of elements read in one {@code ArrayReference.getValues} call. */
    public static final int MAX_CHUNK = 16_384;

    public record Chunk(int from, int count) {}

    private ArrayChunks() {}

    public static List<Chunk> split(int from, int count) {
        return split(from, count, MAX_CHUNK);
    }

    public static List<Chunk> split(int from, int count, int max) {
        if (from < 0 || count < 0 || max <= 0) {
            throw new IllegalArgumentException("bad range: from " + from + ", count " + count + ", chunk " + max);
        }
        List<Chunk> chunks = new ArrayList<>(count / max + 1);
        for (long start = from, end = (long) from + count; start < end; start += max) {
            chunks.add(new Chunk((int) start, (int) Math.min(max, end - start)));
        }
        return chunks;
    }
}
