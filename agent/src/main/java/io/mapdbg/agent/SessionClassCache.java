package io.mapdbg.agent;

import io.mapdbg.agent.channel.ClientSession;

/**
 * A per-class cache (a class's fields, say) that belongs to the client session being served: a REPL computes each
 * class's entry once, a one-shot command's entries go with its connection, and no session keeps more than
 * {@code max} classes. So the agent keeps no state that grows in the target (nor Field copies in its heap) once its
 * clients are gone. Outside any session (a thread of no connection, a unit test) nothing is kept.
 *
 * <p>An identity table, not a HashMap or a ClassValue: the hooks may instrument the map classes, and a ClassValue's
 * entries live as long as their class.
 */
public final class SessionClassCache<V> {
    /** Computes a class's entry. */
    public interface Compute<V> {
        V of(Class<?> c);
    }

    private final Compute<V> compute;
    private final int max;

    public SessionClassCache(int max, Compute<V> compute) {
        this.max = max;
        this.compute = compute;
    }

    /** c's entry: from the current session's table, or computed (and kept there while it has room). */
    public V get(Class<?> c) {
        Table table = table();
        if (table == null) {
            return computed(c);
        }
        synchronized (table) {
            Object known = table.get(c);
            if (known != null) {
                @SuppressWarnings("unchecked")
                V v = (V) known;
                return v;
            }
        }
        V v = computed(c); // outside the lock: a scan may be slow
        synchronized (table) {
            Object raced = table.get(c);
            if (raced != null) {
                @SuppressWarnings("unchecked")
                V first = (V) raced;
                return first;
            }
            if (v != null && table.size < max) {
                table.put(c, v);
            }
        }
        return v;
    }

    /** c's entry, computed; the JDK's reflection caches of c's chain left as they were (see ReflectionCaches). */
    private V computed(Class<?> c) {
        long uncached = ReflectionCaches.uncached(c);
        try {
            return compute.of(c);
        } finally {
            ReflectionCaches.restore(c, uncached);
        }
    }

    /** How many classes the current session's table holds (tests). */
    public int size() {
        Table table = table();
        if (table == null) {
            return 0;
        }
        synchronized (table) {
            return table.size;
        }
    }

    private Table table() {
        ClientSession session = ClientSession.current();
        if (session == null) {
            return null;
        }
        synchronized (session) {
            Table table = (Table) session.attachment(this);
            if (table == null) {
                table = new Table();
                if (!session.attach(this, table)) {
                    return null; // the session has ended
                }
            }
            return table;
        }
    }

    /** Open addressing on the identity hash; at most half full. */
    private static final class Table {
        Class<?>[] keys = new Class<?>[64];
        Object[] values = new Object[64];
        int size;

        Object get(Class<?> c) {
            int mask = keys.length - 1;
            for (int i = System.identityHashCode(c) & mask; keys[i] != null; i = (i + 1) & mask) {
                if (keys[i] == c) {
                    return values[i];
                }
            }
            return null;
        }

        void put(Class<?> c, Object v) {
            if ((size + 1) * 2 > keys.length) {
                Class<?>[] oldKeys = keys;
                Object[] oldValues = values;
                keys = new Class<?>[oldKeys.length * 2];
                values = new Object[oldKeys.length * 2];
                size = 0;
                for (int j = 0; j < oldKeys.length; j++) {
                    if (oldKeys[j] != null) {
                        insert(oldKeys[j], oldValues[j]);
                    }
                }
            }
            insert(c, v);
        }

        private void insert(Class<?> c, Object v) {
            int mask = keys.length - 1;
            int i = System.identityHashCode(c) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = c;
            values[i] = v;
            size++;
        }
    }
}
