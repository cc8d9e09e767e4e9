package io.mapdbg.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayChunksTest {

    @Test
    void bigRangeIsCutIntoSafeChunksCoveringItExactly() {
        List<ArrayChunks.Chunk> chunks = ArrayChunks.split(5, 200_000);
        assertThat(chunks).allSatisfy(c -> assertThat(c.count()).isBetween(1, ArrayChunks.MAX_CHUNK));
        assertThat(chunks.get(0).from()).isEqualTo(5);
        int next = 5;
        for (ArrayChunks.Chunk c : chunks) {
            assertThat(c.from()).isEqualTo(next);
            next += c.count();
        }
        assertThat(next).isEqualTo(200_005);
        assertThat(chunks).hasSize(13); // 12 full chunks of 16,384 and one of 3,392
    }

    @Test
    void smallAndEmptyRanges() {
        assertThat(ArrayChunks.split(0, 0)).isEmpty();
        assertThat(ArrayChunks.split(3, 10)).containsExactly(new ArrayChunks.Chunk(3, 10));
        assertThat(ArrayChunks.split(0, 16_384)).containsExactly(new ArrayChunks.Chunk(0, 16_384));
        assertThat(ArrayChunks.split(0, 16_385)).hasSize(2);
    }

    @Test
    void noOverflowNearIntMax() {
        List<ArrayChunks.Chunk> chunks = ArrayChunks.split(Integer.MAX_VALUE - 10, 10, 4);
        assertThat(chunks).extracting(ArrayChunks.Chunk::count).containsExactly(4, 4, 2);
    }

    @Test
    void negativeRangeIsRefused() {
        assertThatThrownBy(() -> ArrayChunks.split(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArrayChunks.split(0, -3)).isInstanceOf(IllegalArgumentException.class);
    }
}
