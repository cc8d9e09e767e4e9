package io.mapdbg.inspect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a table chunk's chains ahead, breadth first: all heads in one batch, then all second nodes, and so
 * on. Over JDWP a batch is pipelined, so a walk pays the target's work rather than one latency per node;
 * the decoders' own reads then come from memory. Where the heap cannot batch, this does nothing.
 */
final class ChainPrefetch {
    /** Deeper chains are rare; their tails are read node by node as before. */
    static final int MAX_LEVELS = 64;

    private ChainPrefetch() {
    }

    /** fields must be exactly those the decoder's node reader asks for, and include "next". */
    static void chains(List<Object> heads, String declaringClass, String... fields) {
        List<HeapObject> level = new ArrayList<>();
        for (Object head : heads) {
            if (head instanceof HeapObject h) {
                level.add(h);
            }
        }
        Set<Long> seen = new HashSet<>();
        for (int depth = 0; depth < MAX_LEVELS && !level.isEmpty(); depth++) {
            List<Map<String, Object>> read = level.get(0).prefetch(level, declaringClass, fields);
            if (read == null) {
                return;
            }
            List<HeapObject> next = new ArrayList<>();
            for (int i = 0; i < read.size(); i++) {
                Map<String, Object> values = read.get(i);
                if (values != null && values.get("next") instanceof HeapObject n && seen.add(n.id())) {
                    next.add(n);
                }
            }
            level = next;
        }
    }

    /** The classes of a chunk's heads in one batch (a tree bin's head is a TreeNode). */
    static void classNames(List<Object> heads) {
        List<HeapObject> objects = new ArrayList<>();
        for (Object head : heads) {
            if (head instanceof HeapObject h) {
                objects.add(h);
            }
        }
        if (!objects.isEmpty()) {
            objects.get(0).prefetchClassNames(objects);
        }
    }
}
