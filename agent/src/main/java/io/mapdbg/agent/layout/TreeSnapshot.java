package io.mapdbg.agent.layout;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * A TreeMap's red-black tree as the CLI's integrity check reads it: the nodes reached from the root, breadth first,
 * bounded, each with its links as indexes into the list. Nothing is judged here (the CLI's TreeMapCheck does that,
 * over this snapshot or over JDWP alike); the walk only has to survive a tree a race has broken (a node reached
 * twice is written once, and its second link just points at it).
 * <p>
 * Wire: size (-1 when it changed during the walk), whether a comparator is set, node count, then per node left, right, parent ({@link #NULL},
 * {@link #ELSEWHERE}: a node outside the list, {@link #UNREAD}: past the bound), black, and the key: a tag
 * (0 other, 1 integral number, 2 string) and its value.
 */
final class TreeSnapshot {
    static final int NULL = -1;
    static final int ELSEWHERE = -2;
    static final int UNREAD = -3;
    private static final int MAX_KEY_CHARS = 200;

    private TreeSnapshot() {
    }

    static void write(Object map, int maxNodes, DataOutputStream out) throws IOException {
        Class<?> treeMap = Reflect.type("java.util.TreeMap");
        if (!treeMap.isInstance(map)) {
            throw new IllegalArgumentException(map.getClass().getName() + " is not a TreeMap");
        }
        Class<?> entry = Reflect.type("java.util.TreeMap$Entry");
        Field key = Reflect.field(entry, "key");
        Field[] links = {Reflect.field(entry, "left"), Reflect.field(entry, "right"), Reflect.field(entry, "parent")};
        Field color = Reflect.field(entry, "color");
        Object root = Reflect.get(Reflect.field(treeMap, "root"), map);
        int size = Reflect.getInt(Reflect.field(treeMap, "size"), map);
        boolean comparator = Reflect.get(Reflect.field(treeMap, "comparator"), map) != null;

        IdentityHashMap<Object, Integer> index = new IdentityHashMap<Object, Integer>();
        List<Object> nodes = new ArrayList<Object>();
        List<Object[]> read = new ArrayList<Object[]>(); // each node's links, key and colour, read once: the tree
        if (root != null) {                              // may change under the walk (its writers run on)
            index.put(root, 0);
            nodes.add(root);
        }
        // breadth first, as the check walks: children past the bound are left unread
        for (int i = 0; i < nodes.size(); i++) {
            Object node = nodes.get(i);
            Object[] r = {Reflect.get(links[0], node), Reflect.get(links[1], node), Reflect.get(links[2], node),
                getBoolean(color, node), Reflect.get(key, node)};
            read.add(r);
            for (int s = 0; s < 2; s++) {
                Object child = r[s];
                if (child != null && !index.containsKey(child) && nodes.size() < maxNodes) {
                    index.put(child, nodes.size());
                    nodes.add(child);
                }
            }
        }
        int sizeAfter = Reflect.getInt(Reflect.field(treeMap, "size"), map);
        out.writeInt(size == sizeAfter ? size : -1); // -1: written during the walk, no size to hold the tree to
        out.writeBoolean(comparator);
        out.writeInt(nodes.size());
        for (Object[] r : read) {
            for (int s = 0; s < 3; s++) {
                Integer at = r[s] == null ? null : index.get(r[s]);
                out.writeInt(r[s] == null ? NULL : at != null ? at : s == 2 ? ELSEWHERE : UNREAD);
            }
            out.writeBoolean((Boolean) r[3]);
            writeKey(r[4], out);
        }
    }

    private static void writeKey(Object k, DataOutputStream out) throws IOException {
        if (k instanceof Integer || k instanceof Long || k instanceof Short || k instanceof Byte) {
            out.writeByte(1);
            out.writeLong(((Number) k).longValue());
        } else if (k instanceof String && ((String) k).length() <= MAX_KEY_CHARS) {
            out.writeByte(2);
            out.writeUTF((String) k);
        } else {
            out.writeByte(0);
        }
    }

    private static boolean getBoolean(Field f, Object o) {
        try {
            return f.getBoolean(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
