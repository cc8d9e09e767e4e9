package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.Overlap;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A target JVM for {@link HooksInTargetTest}: installs the hooks through {@link TestAgent}'s Instrumentation, runs
 * one scenario against maps it owns, and prints what it saw as {@code RESULT name=value} lines beside its own
 * truth (what it wrote), then {@code DONE}.
 */
public final class HookProbe {
    private HookProbe() {
    }

    public static void main(String[] args) throws Exception {
        Instrumentation inst = TestAgent.inst;
        Hooks hooks = Hooks.install(inst);
        switch (args[0]) {
            case "watch" -> Watch.run(hooks, inst);
            case "fault" -> fault(hooks);
            case "races" -> Races.run(hooks);
            case "callers" -> CallerCost.run(hooks);
            default -> throw new IllegalArgumentException(args[0]);
        }
        result("transformErrors", hooks.stats().transformErrors.size());
        Hooks.uninstall();
        System.out.println("DONE");
    }

    static void result(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }

    /** The bytes of cls as a transformer registered after the hooks' one sees them on a retransform. */
    static String digest(Instrumentation inst, Class<?> cls) throws Exception {
        byte[][] seen = new byte[1][];
        ClassFileTransformer probe = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader l, String name, Class<?> c, java.security.ProtectionDomain d,
                    byte[] bytes) {
                if (c == cls) {
                    seen[0] = bytes.clone();
                }
                return null;
            }
        };
        inst.addTransformer(probe, true);
        try {
            inst.retransformClasses(cls);
        } finally {
            inst.removeTransformer(probe);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(seen[0])) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    static long count(List<WriteEvent> events, int id, String site) {
        return events.stream().filter(e -> e.mapId == id && e.site.equals(site)).count();
    }

    private static void fault(Hooks hooks) throws Exception {
        HashMap<String, Integer> map = new HashMap<>();
        hooks.watch(map, 1, Hooks.TRACE | Hooks.RACES);
        hooks.injectFault(true);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            map.put("k" + i, i);
        }
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += Integer.valueOf(i).equals(map.get("k" + i)) ? 1 : 0;
        }
        hooks.injectFault(false);
        result("puts", n);
        result("size", map.size());
        result("readBack", right);
        result("faults", hooks.stats().faults);
        result("firstFault", hooks.stats().firstFault);
        hooks.clear();
    }

    /** Every hooked class, watched, its events counted; bytes compared before, during and after. */
    static final class Watch {
        static void run(Hooks hooks, Instrumentation inst) throws Exception {
            String before = digest(inst, HashMap.class);
            String tmBefore = digest(inst, TreeMap.class);
            HashMap<String, Integer> a = new HashMap<>();
            HashMap<String, Integer> b = new HashMap<>();
            LinkedHashMap<String, Integer> linked = new LinkedHashMap<>();
            hooks.watch(a, 7, Hooks.TRACE);
            hooks.watch(linked, 8, Hooks.TRACE | Hooks.BREAK);
            TreeMap<String, Integer> tree = new TreeMap<>();
            hooks.watch(tree, 9, Hooks.TRACE);
            String during = digest(inst, HashMap.class);
            String tmDuring = digest(inst, TreeMap.class);
            int n = 1000;
            for (int i = 0; i < n; i++) {
                a.put("k" + i, i);
                b.put("k" + i, i);
                linked.put("k" + i, i);
            }
            a.remove("k0");
            a.computeIfAbsent("fresh", k -> 1);
            a.merge("k1", 5, Integer::sum);
            tree.put("t1", 1);
            tree.putIfAbsent("t2", 2); // JDK 15+: put(K, V, boolean), not put(K, V)
            tree.put("t3", 3);
            tree.pollFirstEntry();
            List<WriteEvent> events = hooks.drain(1_000_000);
            result("tree.put", count(events, 9, "TreeMap.put"));
            result("tree.pollFirstEntry", count(events, 9, "TreeMap.pollFirstEntry"));
            result("puts", n);
            result("a.putVal", count(events, 7, "HashMap.putVal"));
            result("a.removeNode", count(events, 7, "HashMap.removeNode"));
            result("a.computeIfAbsent", count(events, 7, "HashMap.computeIfAbsent"));
            result("a.merge", count(events, 7, "HashMap.merge"));
            result("a.resize", count(events, 7, "HashMap.resize"));
            result("linked.putVal", count(events, 8, "HashMap.putVal"));
            result("others", events.stream().filter(e -> e.mapId != 7 && e.mapId != 8 && e.mapId != 9
                    && e.mapId < 20).count());
            WriteEvent first = events.get(0);
            result("first", first.site + "|" + first.thread + "|" + first.key + "|" + first.value);
            result("hits", hooks.stats().breakpointHits);
            result("linked.events", events.stream().filter(e -> e.mapId == 8).count());
            result("dropped", hooks.stats().eventsDropped);
            others(hooks);
            result("hookedWhileWatched", hooks.stats().hookedClasses.size());
            hooks.clear();
            result("hookedAfterClear", hooks.stats().hookedClasses.size());
            a.put("after", 1);
            result("eventsAfterClear", hooks.drain(1000).size());
            result("wovenDiffers", !before.equals(during) && !tmBefore.equals(tmDuring));
            result("restored", before.equals(digest(inst, HashMap.class))
                    && tmBefore.equals(digest(inst, TreeMap.class)));
        }

        /** One map of each other hooked class: a put per key, the events of its put site counted. */
        private static void others(Hooks hooks) throws Exception {
            check(hooks, new ConcurrentHashMap<>(), 20, "ConcurrentHashMap.putVal");
            check(hooks, new Hashtable<>(), 21, "Hashtable.put");
            check(hooks, new IdentityHashMap<>(), 22, "IdentityHashMap.put");
            check(hooks, new WeakHashMap<>(), 23, "WeakHashMap.put");
            check(hooks, new TreeMap<>(), 24, "TreeMap.put");
        }

        private static void check(Hooks hooks, Map<Object, Object> map, int id, String site) throws Exception {
            hooks.watch(map, id, Hooks.TRACE | Hooks.RACES);
            int n = 300;
            Object[] keys = new Object[n];
            for (int i = 0; i < n; i++) {
                keys[i] = "key" + i;
                map.put(keys[i], i);
            }
            for (int i = 0; i < n; i += 3) {
                map.remove(keys[i]);
            }
            boolean nullKept = true;
            try {
                map.put(null, 1); // throws for CHM, Hashtable, TreeMap: the exit hook runs on the throw
            } catch (NullPointerException expected) {
                nullKept = false; // the map's own behaviour, unchanged
            }
            List<WriteEvent> events = hooks.drain(100_000);
            String shortName = site.substring(0, site.indexOf('.'));
            result(shortName + ".puts", count(events, id, site) + "/" + (n + 1));
            result(shortName + ".size", map.size() + "/" + (n - (n + 2) / 3 + (nullKept ? 1 : 0)));
            hooks.unwatch(map);
        }
    }
}
