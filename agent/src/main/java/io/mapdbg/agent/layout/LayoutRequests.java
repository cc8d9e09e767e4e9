package io.mapdbg.agent.layout;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.StaticFields;
import io.mapdbg.agent.channel.ControlChannel;
import io.mapdbg.agent.channel.Reply;
import io.mapdbg.agent.channel.Request;
import io.mapdbg.agent.channel.RequestHandler;

import java.io.DataOutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests {@code buckets} (one map's layout, walked in-process) and {@code maps} (the maps that static
 * fields of loaded classes reach: not a heap census).
 */
public final class LayoutRequests {
    private LayoutRequests() {
    }

    public static void register(ControlChannel channel, final Instrumentation inst) {
        channel.register("buckets", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Object map;
                String path = request.arg("path", null);
                if (path != null) {
                    map = StaticFields.resolve(inst, path);
                } else {
                    long id = request.longArg("id", 0);
                    map = ObjectIds.get().byId(id);
                    if (map == null) {
                        throw new IllegalArgumentException("@" + id + " is not known to the agent: ids come from the"
                                + " agent's own maps output; use a static path");
                    }
                    path = holderOf(inst, map);
                }
                LayoutResult result = Layouts.walk(map, path, Options.of(request));
                result.write(reply.out());
            }
        });
        channel.register("tree", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                long id = request.longArg("id", 0);
                Object map = ObjectIds.get().byId(id);
                if (map == null) {
                    throw new IllegalArgumentException("@" + id + " is not known to the agent");
                }
                TreeSnapshot.write(map, (int) Math.min(Integer.MAX_VALUE, request.longArg("maxNodes", 1000000)),
                        reply.out());
            }
        });
        channel.register("maps", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                census(inst, reply.out());
            }
        });
    }

    /** The preferred static path that holds this object directly, or null. */
    static String holderOf(Instrumentation inst, final Object target) {
        String best = null;
        for (StaticFields.Holder h : StaticFields.statics(inst, new StaticFields.Filter() {
            @Override
            public boolean accept(Object value) {
                return value == target;
            }
        })) {
            if (best == null || StaticFields.preferred(h.path, best)) {
                best = h.path;
            }
        }
        return best;
    }

    /**
     * Maps held by static fields, and by the instance fields of objects that application statics hold (a
     * singleton's maps: Registry.INSTANCE.byName). Each: id, class, size, capacity, non-empty bins, path.
     */
    static void census(Instrumentation inst, DataOutputStream out) throws Exception {
        long started = System.nanoTime();
        int[] statics = new int[1];
        IdentityHashMap<Object, String> paths = reachableMaps(inst, statics);
        List<Object[]> rows = new ArrayList<Object[]>();
        for (Map.Entry<Object, String> e : paths.entrySet()) {
            long[] stats;
            try {
                stats = Layouts.quickStats(e.getKey());
            } catch (Throwable unreadable) {
                continue;
            }
            rows.add(new Object[] {e.getKey(), e.getValue(), stats});
        }
        out.writeInt(statics[0]);
        out.writeLong(System.nanoTime() - started);
        out.writeInt(rows.size());
        for (Object[] row : rows) {
            long[] stats = (long[]) row[2];
            out.writeLong(ObjectIds.get().idOf(row[0]));
            out.writeUTF(row[0].getClass().getName());
            out.writeLong(stats[0]);
            out.writeInt((int) stats[1]);
            out.writeInt((int) stats[2]);
            out.writeUTF((String) row[1]);
        }
    }

    /**
     * Maps held by static fields of loaded, initialised classes, and by the instance fields of the objects that
     * application statics hold, each with its preferred path. statics[0] is set to the static fields read.
     */
    public static IdentityHashMap<Object, String> reachableMaps(Instrumentation inst, int[] statics) {
        IdentityHashMap<Object, String> paths = new IdentityHashMap<Object, String>();
        List<StaticFields.Holder> holders = StaticFields.statics(inst, new StaticFields.Filter() {
            @Override
            public boolean accept(Object value) {
                return true;
            }
        });
        statics[0] = holders.size();
        for (StaticFields.Holder h : holders) {
            if (Layouts.isMap(h.value)) {
                offer(paths, h.value, h.path);
            } else if (!h.jdk && !h.value.getClass().isArray()) {
                for (Field f : INSTANCE_FIELDS.get(h.value.getClass())) {
                    Object v;
                    try {
                        f.setAccessible(true);
                        v = f.get(h.value);
                    } catch (Throwable e) {
                        continue;
                    }
                    if (Layouts.isMap(v)) {
                        offer(paths, v, h.path + "." + f.getName());
                    }
                }
            }
        }
        return paths;
    }

    private static void offer(IdentityHashMap<Object, String> paths, Object map, String path) {
        String was = paths.get(map);
        if (was == null || StaticFields.preferred(path, was)) {
            paths.put(map, path);
        }
    }

    /** instanceFields per class, cached for the client session served (see SessionClassCache: none outlives it). */
    private static final io.mapdbg.agent.SessionClassCache<List<Field>> INSTANCE_FIELDS =
            new io.mapdbg.agent.SessionClassCache<List<Field>>(4096, new io.mapdbg.agent.SessionClassCache.Compute<List<Field>>() {
                @Override
                public List<Field> of(Class<?> c) {
                    return instanceFields(c);
                }
            });

    private static List<Field> instanceFields(Class<?> c) {
        List<Field> fields = new ArrayList<Field>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            if (k.getName().startsWith("java.")) {
                break;
            }
            try {
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                        fields.add(f);
                    }
                }
            } catch (Throwable e) {
                break;
            }
        }
        return fields;
    }
}
