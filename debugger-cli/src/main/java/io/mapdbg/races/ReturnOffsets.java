package io.mapdbg.races;

import java.util.ArrayList;
import java.util.List;

/**
 * The code indices of a method's return instructions (ireturn..return), found by walking its bytecode: where
 * the exit breakpoints of a watch go. A breakpoint there costs what the entry breakpoint costs; a
 * MethodExitRequest would instead make every method of the thread run interpreted and report each exit.
 */
public final class ReturnOffsets {
    private static final int IRETURN = 0xac;
    private static final int RETURN = 0xb1;
    private static final int TABLESWITCH = 0xaa;
    private static final int LOOKUPSWITCH = 0xab;
    private static final int WIDE = 0xc4;
    private static final int IINC = 0x84;

    private ReturnOffsets() {
    }

    public static List<Integer> of(byte[] code) {
        List<Integer> out = new ArrayList<>();
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xff;
            if (op >= IRETURN && op <= RETURN) {
                out.add(pc);
            }
            pc += length(code, pc, op);
        }
        return out;
    }

    /** The length of the instruction at pc (JVM spec chapter 6). */
    static int length(byte[] code, int pc, int op) {
        if (op == TABLESWITCH || op == LOOKUPSWITCH) {
            int p = (pc + 4) & ~3; // operands start at the next multiple of four
            if (op == TABLESWITCH) {
                int low = readInt(code, p + 4);
                int high = readInt(code, p + 8);
                return p - pc + 12 + 4 * (high - low + 1);
            }
            int pairs = readInt(code, p + 4);
            return p - pc + 8 + 8 * pairs;
        }
        if (op == WIDE) {
            return (code[pc + 1] & 0xff) == IINC ? 6 : 4;
        }
        return FIXED[op];
    }

    private static int readInt(byte[] code, int at) {
        return ((code[at] & 0xff) << 24) | ((code[at + 1] & 0xff) << 16) | ((code[at + 2] & 0xff) << 8) | (code[at + 3] & 0xff);
    }

    private static final int[] FIXED = new int[256];

    static {
        java.util.Arrays.fill(FIXED, 1);
        FIXED[0x10] = 2; // bipush
        FIXED[0x11] = 3; // sipush
        FIXED[0x12] = 2; // ldc
        FIXED[0x13] = 3; // ldc_w
        FIXED[0x14] = 3; // ldc2_w
        for (int op = 0x15; op <= 0x19; op++) {
            FIXED[op] = 2; // iload..aload
        }
        for (int op = 0x36; op <= 0x3a; op++) {
            FIXED[op] = 2; // istore..astore
        }
        FIXED[IINC] = 3;
        for (int op = 0x99; op <= 0xa8; op++) {
            FIXED[op] = 3; // if*, goto, jsr
        }
        FIXED[0xa9] = 2; // ret
        for (int op = 0xb2; op <= 0xb8; op++) {
            FIXED[op] = 3; // get/putstatic, get/putfield, invokevirtual/special/static
        }
        FIXED[0xb9] = 5; // invokeinterface
        FIXED[0xba] = 5; // invokedynamic
        FIXED[0xbb] = 3; // new
        FIXED[0xbc] = 2; // newarray
        FIXED[0xbd] = 3; // anewarray
        FIXED[0xc0] = 3; // checkcast
        FIXED[0xc1] = 3; // instanceof
        FIXED[0xc5] = 4; // multianewarray
        FIXED[0xc6] = 3; // ifnull
        FIXED[0xc7] = 3; // ifnonnull
        FIXED[0xc8] = 5; // goto_w
        FIXED[0xc9] = 5; // jsr_w
    }
}
