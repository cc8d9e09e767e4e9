package io.mapdbg.backend.agent;

import io.mapdbg.inspect.HeapObject;
import io.mapdbg.inspect.TreeMapCheck;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's snapshot of a TreeMap's tree (request {@code tree}) as {@link HeapObject}s, so that
 * {@link TreeMapCheck} reads it as it reads a tree over JDWP. Node ids are their indexes in the snapshot.
 */
final class AgentTreeSnapshot {
    private static final int NULL = -1;

    private AgentTreeSnapshot() {
    }

    /** The map, as read from the agent's reply. */
    static HeapObject read(DataInputStream in, String className) throws IOException {
        int size = in.readInt();
        boolean comparator = in.readBoolean();
        int n = in.readInt();
        List<Node> nodes = new ArrayList<>(n);
        int[][] links = new int[n][];
        for (int i = 0; i < n; i++) {
            links[i] = new int[] {in.readInt(), in.readInt(), in.readInt()};
            boolean black = in.readBoolean();
            Object key = switch (in.readByte()) {
                case 1 -> new Value("java.lang.Long", Long.toString(in.readLong()));
                case 2 -> new Value("java.lang.String", "\"" + in.readUTF() + "\"");
                default -> new Value("java.lang.Object", "?");
            };
            Map<String, Object> fields = new HashMap<>();
            fields.put("key", key);
            fields.put("color", black);
            nodes.add(new Node(i, fields));
        }
        int elsewhere = 0;
        for (int i = 0; i < n; i++) {
            String[] names = {"left", "right", "parent"};
            for (int s = 0; s < 3; s++) {
                int to = links[i][s];
                Object linked = to >= 0 ? nodes.get(to) : to == NULL ? null
                        : new Unread(n + elsewhere++); // outside the list, or past the bound
                nodes.get(i).fields.put(names[s], linked);
            }
        }
        Map<String, Object> map = new HashMap<>();
        map.put("root", n == 0 ? null : nodes.get(0));
        map.put("size", size);
        map.put("comparator", comparator ? new Value("java.lang.Object", "comparator") : null);
        return new Node(-1, map, className);
    }

    /** A node (or the map) of the snapshot: its fields by name. */
    private static class Node implements HeapObject {
        private final long id;
        final Map<String, Object> fields;
        private final String className;

        Node(long id, Map<String, Object> fields) {
            this(id, fields, "java.util.TreeMap$Entry");
        }

        Node(long id, Map<String, Object> fields, String className) {
            this.id = id;
            this.fields = fields;
            this.className = className;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String className() {
            return className;
        }

        @Override
        public List<String> classHierarchy() {
            return List.of(className, "java.lang.Object");
        }

        @Override
        public Map<String, Object> read(String declaringClass, String... names) {
            Map<String, Object> out = new HashMap<>();
            for (String name : names) {
                if (fields.containsKey(name)) {
                    out.put(name, fields.get(name));
                }
            }
            return out;
        }

        @Override
        public int arrayLength() {
            throw new UnsupportedOperationException("not an array");
        }

        @Override
        public List<Object> arrayRange(int from, int count) {
            throw new UnsupportedOperationException("not an array");
        }

        @Override
        public String preview(int maxChars) {
            return "node@" + id;
        }
    }

    /** A key: its class and how it previews (no fields). */
    private static final class Value extends Node {
        private final String text;

        Value(String className, String text) {
            super(0, Map.of(), className);
            this.text = text;
        }

        @Override
        public String preview(int maxChars) {
            return text.length() > maxChars ? text.substring(0, maxChars) : text;
        }
    }

    /**
     * A node the agent did not read: one a parent link points to outside the tree, or one past the bound (the check
     * never reads those, since it walks with the same bound, breadth first, as the agent did).
     */
    private static final class Unread extends Node {
        Unread(long id) {
            super(id, Map.of());
        }

        @Override
        public Map<String, Object> read(String declaringClass, String... names) {
            throw new IllegalStateException("not in the agent's snapshot (walk bounded)");
        }
    }
}
