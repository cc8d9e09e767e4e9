package io.mapdbg.layouts;

/**
 * Reads an array of objects chunk by chunk: {@code while (chunks.next()) for (i < chunks.count) chunks.take(i)}.
 * A single JDWP array read of over 65,536 elements kills the target, so no chunk is larger than 16,384; a chunk's
 * elements are dropped as they are taken, so the walk holds no object of the application past its use.
 */
final class TableChunks<O> {
    static final int CHUNK = 16_384;

    private final Heap<O> heap;
    private final O array;
    private final int length;
    private final Object[] chunk;
    /** The chunk read by the last next(): elements [from, from + count). */
    int from;
    int count;

    TableChunks(Heap<O> heap, O array, int length) {
        this.heap = heap;
        this.array = array;
        this.length = array == null ? 0 : length;
        this.chunk = new Object[Math.min(CHUNK, Math.max(this.length, 1))];
    }

    /** Reads the next chunk; false past the end. */
    boolean next() {
        from += count;
        if (from >= length) {
            count = 0;
            return false;
        }
        count = Math.min(CHUNK, length - from);
        heap.copy(array, from, count, chunk);
        return true;
    }

    /** The elements read, for a heap to read ahead of (valid until taken). */
    Object[] elements() {
        return chunk;
    }

    /** Element from + i of the array, dropped from the chunk. */
    @SuppressWarnings("unchecked")
    O take(int i) {
        O element = (O) chunk[i];
        chunk[i] = null;
        return element;
    }
}
