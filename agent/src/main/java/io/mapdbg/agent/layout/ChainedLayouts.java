package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.WeakHashMap;

/** HashMap (and LinkedHashMap), Hashtable and WeakHashMap: tables of chained nodes, walked bin by bin. */
final class ChainedLayouts {
    private ChainedLayouts() {
    }

    /** Fields of one node class: hash, key, value, next (names differ per map). */
    static class NodeFields implements ChainWalk.Nodes {
        final Field hash;
        final Field key;
        final Field value;
        final Field next;

        NodeFields(Class<?> c, String key, String value) {
            this.hash = Reflect.field(c, "hash");
            this.key = key == null ? null : Reflect.field(c, key);
            this.value = Reflect.field(c, value);
            this.next = Reflect.field(c, "next");
        }

        @Override
        public int hash(Object node) {
            return Reflect.getInt(hash, node);
        }

        @Override
        public Object key(Object node) {
            return Reflect.get(key, node);
        }

        @Override
        public Object value(Object node) {
            return Reflect.get(value, node);
        }

        @Override
        public Object next(Object node) {
            return Reflect.get(next, node);
        }
    }

    /** HashMap's fields for quickStats, read once per agent. */
    static final class HashMapFields {
        static final Field TABLE = Reflect.field(HashMap.class, "table");
        static final Field SIZE = Reflect.field(HashMap.class, "size");
    }

    /** Walked by the shared rules (io.mapdbg.layouts), as the JDWP path walks it. */
    static LayoutResult hashMap(Object map, Options options) {
        return LayoutResult.of(io.mapdbg.layouts.ChainedLayouts.hashMap(LiveHeap.INSTANCE, map, options.bounds(), null));
    }

    /** Samples of a shown bin: its chain from the head, as the table holds it now. */
    static Tally.Sampler sampler(final Object[] table, final ChainWalk.Nodes nodes) {
        return new Tally.Sampler() {
            @Override
            public List<Tally.Sample> sample(int bin, int max) {
                return ChainWalk.sample(table[bin], nodes, max);
            }
        };
    }

    static void checkTree(Object root, List<Object> nodes, int bin, Tally tally, Field parent, Field left, Field right) {
        try {
            String fault = TreeLinks.check(root, nodes, parent, left, right);
            if (fault != null) {
                tally.problem("tree-links", bin, "tree bin " + bin + ": " + fault);
            }
        } catch (RuntimeException e) {
            tally.problem("tree-links", bin, "tree bin " + bin + ": " + e.getMessage());
        }
    }

    static final class HashtableFields {
        static final Field TABLE = Reflect.field(Hashtable.class, "table");
        static final Field COUNT = Reflect.field(Hashtable.class, "count");
        static final Field THRESHOLD = Reflect.field(Hashtable.class, "threshold");
        static final Field LOAD_FACTOR = Reflect.field(Hashtable.class, "loadFactor");
        static final Field MOD_COUNT = Reflect.field(Hashtable.class, "modCount");
        static final NodeFields ENTRY = new NodeFields(Reflect.type("java.util.Hashtable$Entry"), "key", "value");
    }

    static LayoutResult hashtable(Object map, Options options) {
        Object[] table = (Object[]) Reflect.get(HashtableFields.TABLE, map);
        long size = Reflect.getInt(HashtableFields.COUNT, map);
        final int n = table == null ? 0 : table.length;
        Tally tally = new Tally(options, n);
        ChainWalk.BinOf binOf = new ChainWalk.BinOf() {
            @Override
            public int of(int hash) {
                return (hash & 0x7FFFFFFF) % n; // Hashtable keeps the raw hashCode and indexes by modulo
            }
        };
        ChainWalk walker = new ChainWalk(tally, HashtableFields.ENTRY, binOf, size);
        tally.sampler = sampler(table, HashtableFields.ENTRY);
        for (int bin = 0; bin < n; bin++) {
            Object head = ChainWalk.headToWalk(table[bin], bin, tally);
            if (head == null) {
                continue;
            }
            tally.bin(bin, walker.walk(head, bin, false), "chain");
        }
        return tally.finish("Hashtable", size, (long) Reflect.getInt(HashtableFields.THRESHOLD, map),
                (Float) Reflect.get(HashtableFields.LOAD_FACTOR, map), Reflect.getInt(HashtableFields.MOD_COUNT, map),
                null, true);
    }

    static final class WeakFields {
        static final Field TABLE = Reflect.field(WeakHashMap.class, "table");
        static final Field SIZE = Reflect.field(WeakHashMap.class, "size");
        static final Field THRESHOLD = Reflect.field(WeakHashMap.class, "threshold");
        static final Field LOAD_FACTOR = Reflect.field(WeakHashMap.class, "loadFactor");
        static final Field MOD_COUNT = Reflect.field(WeakHashMap.class, "modCount");
        static final Object NULL_KEY = Reflect.get(Reflect.field(WeakHashMap.class, "NULL_KEY"), null);
        static final NodeFields ENTRY = new NodeFields(Reflect.type("java.util.WeakHashMap$Entry"), null, "value") {
            @Override
            public Object key(Object node) {
                Object referent = ((Reference<?>) node).get();
                return referent == null ? Preview.Mark.CLEARED : referent == NULL_KEY ? Preview.Mark.NULL : referent;
            }
        };
    }

    static LayoutResult weakHashMap(Object map, Options options) {
        Object[] table = (Object[]) Reflect.get(WeakFields.TABLE, map);
        long size = Reflect.getInt(WeakFields.SIZE, map);
        final int n = table == null ? 0 : table.length;
        Tally tally = new Tally(options, n);
        ChainWalk.BinOf binOf = new ChainWalk.BinOf() {
            @Override
            public int of(int hash) {
                return hash & (n - 1);
            }
        };
        ChainWalk walker = new ChainWalk(tally, WeakFields.ENTRY, binOf, size);
        tally.sampler = sampler(table, WeakFields.ENTRY);
        for (int bin = 0; bin < n; bin++) {
            Object head = ChainWalk.headToWalk(table[bin], bin, tally);
            if (head == null) {
                continue;
            }
            tally.bin(bin, walker.walk(head, bin, false), "chain");
        }
        return tally.finish("WeakHashMap", size, (long) Reflect.getInt(WeakFields.THRESHOLD, map),
                (Float) Reflect.get(WeakFields.LOAD_FACTOR, map), Reflect.getInt(WeakFields.MOD_COUNT, map),
                null, true);
    }
}
