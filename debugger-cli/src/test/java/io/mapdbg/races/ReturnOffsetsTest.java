package io.mapdbg.races;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bytecode walk that places exit breakpoints: return opcodes found, operand bytes that look like one skipped. */
class ReturnOffsetsTest {
    private static byte[] code(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    @Test
    void findsEveryReturnOfABranchingMethod() {
        // aload_0; ifnull +5; aconst_null; areturn; aload_0; areturn
        assertThat(ReturnOffsets.of(code(0x2a, 0xc6, 0x00, 0x05, 0x01, 0xb0, 0x2a, 0xb0))).containsExactly(5, 7);
        assertThat(ReturnOffsets.of(code(0xb1))).containsExactly(0);
    }

    @Test
    void skipsOperandBytesThatLookLikeReturns() {
        // sipush 0xacb1; pop; return: the operand bytes are ireturn and return opcodes
        assertThat(ReturnOffsets.of(code(0x11, 0xac, 0xb1, 0x57, 0xb1))).containsExactly(4);
        // getfield #0xb0b0; areturn
        assertThat(ReturnOffsets.of(code(0xb4, 0xb0, 0xb0, 0xb0))).containsExactly(3);
    }

    @Test
    void walksTableswitchWithItsPaddingAndJumpTable() {
        // iload_1 at 0; tableswitch at 1, padded to 4; default, low 0, high 1, two offsets; return at 24
        byte[] c = code(0x1b, 0xaa, 0xac, 0xac, 0, 0, 0, 0xb1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0xac, 0, 0, 0, 0xb0, 0xb1);
        assertThat(ReturnOffsets.of(c)).containsExactly(24);
    }

    @Test
    void walksLookupswitchAndWide() {
        // lookupswitch at 0, padded to 4; default; one pair; ireturn at 20
        byte[] c = code(0xab, 0, 0, 0, 0, 0, 0, 0xb1, 0, 0, 0, 1, 0, 0, 0, 0xac, 0, 0, 0, 0xb0, 0xac);
        assertThat(ReturnOffsets.of(c)).containsExactly(20);
        // wide iinc (6 bytes); wide iload (4 bytes); ireturn
        assertThat(ReturnOffsets.of(code(0xc4, 0x84, 0, 0xb1, 0, 0xac, 0xc4, 0x15, 0, 0xb0, 0xac))).containsExactly(10);
    }

    @Test
    void threadSafeAndUnknownMapsAreNotWatched() {
        assertThat(MapSafety.notWatched(java.util.List.of("java.util.LinkedHashMap", "java.util.HashMap",
                "java.util.AbstractMap", "java.lang.Object"))).isEmpty();
        assertThat(MapSafety.notWatched(java.util.List.of("java.util.Properties", "java.util.Hashtable",
                "java.util.Dictionary", "java.lang.Object"))).hasValueSatisfying(s -> assertThat(s).contains("thread-safe"));
        assertThat(MapSafety.notWatched(java.util.List.of("java.util.concurrent.ConcurrentHashMap",
                "java.util.AbstractMap", "java.lang.Object"))).hasValue("thread-safe map (ConcurrentHashMap): not watched");
        assertThat(MapSafety.notWatched(java.util.List.of("java.util.EnumMap", "java.util.AbstractMap",
                "java.lang.Object"))).hasValueSatisfying(s -> assertThat(s).startsWith("not a map races watches"));
    }
}
