package io.mapdbg.inspect;

import java.util.List;

/** Reads a table in chunks small enough for JDWP (a single getValues over 65,536 elements kills the target). */
final class TableChunks {

    static final int CHUNK = 16_384;

    /** Receives one chunk: elements [from, from + elements.size()). */
    @FunctionalInterface
    interface Chunk {
        void accept(int from, List<Object> elements);
    }

    private TableChunks() {
    }

    static void forEach(HeapObject array, int length, Chunk chunk) {
        for (int from = 0; from < length; from += CHUNK) {
            chunk.accept(from, array.arrayRange(from, Math.min(CHUNK, length - from)));
        }
    }

    /** Non-null elements at indices that are multiples of stride (stride 2: IdentityHashMap key slots). */
    static int countNonNull(HeapObject array, int length, int stride) {
        int[] count = {0};
        forEach(array, length, (from, elements) -> {
            for (int i = 0; i < elements.size(); i++) {
                if ((from + i) % stride == 0 && elements.get(i) != null) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    /** Length of a table object, 0 when the table was never allocated. */
    static int length(Object table) {
        return table instanceof HeapObject array ? array.arrayLength() : 0;
    }
}
