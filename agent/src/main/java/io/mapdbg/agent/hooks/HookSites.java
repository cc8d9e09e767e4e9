package io.mapdbg.agent.hooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mapassign paths (Go's name for the map write path) and the other mutators and resize points that the hooks
 * instrument, per map class. A method missing from a JDK's class (they differ between 8 and 25) is skipped.
 */
public final class HookSites {
    /** The classes whose methods are instrumented, in a fixed order (their index is used as a bit). */
    public static final String[] CLASSES = {
        "java/util/HashMap", "java/util/concurrent/ConcurrentHashMap", "java/util/Hashtable",
        "java/util/IdentityHashMap", "java/util/WeakHashMap", "java/util/TreeMap",
    };
    private static final boolean[] UNSAFE = {true, false, false, true, true, true};

    private static final String O = HookSite.OBJ;
    private static final String COMPUTE = "(" + O + "Ljava/util/function/BiFunction;)" + O;
    private static final String COMPUTE_ABSENT = "(" + O + "Ljava/util/function/Function;)" + O;
    private static final String MERGE = "(" + O + O + "Ljava/util/function/BiFunction;)" + O;

    private static final List<HookSite> SITES;

    static {
        List<HookSite> s = new ArrayList<HookSite>();
        String hm = "java/util/HashMap";
        // putVal, where every put of a HashMap (and LinkedHashMap, HashSet) lands, one event per entry of a putAll;
        // but under races its exit hooks make the compiled putVal bigger than the JIT's InlineSmallCode, and a put
        // loop that inlined it no longer does (measured on one writer's 7-9 ns puts: 67-85M puts/s armed with the
        // hooks in putVal, 100-111M with them on these public methods, which are tiny and inlined wherever called)
        add(s, hm, "putVal", "(I" + O + O + "ZZ)" + O, 1, 2, HookSite.WITHOUT_EXITS);
        add(s, hm, "put", "(" + O + O + ")" + O, 0, 1, HookSite.WITH_EXITS);
        add(s, hm, "putIfAbsent", "(" + O + O + ")" + O, 0, 1, HookSite.WITH_EXITS);
        add(s, hm, "putAll", "(Ljava/util/Map;)V", -1, -1, HookSite.WITH_EXITS);
        add(s, hm, "removeNode", "(I" + O + O + "ZZ)Ljava/util/HashMap$Node;", 1, -1);
        add(s, hm, "clear", "()V", -1, -1);
        addCompute(s, hm);
        addReplace(s, hm);
        add(s, hm, "resize", "()[Ljava/util/HashMap$Node;", -1, -1);
        add(s, hm, "treeifyBin", "([Ljava/util/HashMap$Node;I)V", -1, -1);
        String chm = "java/util/concurrent/ConcurrentHashMap";
        add(s, chm, "putVal", "(" + O + O + "Z)" + O, 0, 1);
        add(s, chm, "replaceNode", "(" + O + O + O + ")" + O, 0, 1);
        add(s, chm, "clear", "()V", -1, -1);
        addCompute(s, chm);
        add(s, chm, "transfer", "([Ljava/util/concurrent/ConcurrentHashMap$Node;"
                + "[Ljava/util/concurrent/ConcurrentHashMap$Node;)V", -1, -1);
        String ht = "java/util/Hashtable";
        add(s, ht, "put", "(" + O + O + ")" + O, 0, 1);
        add(s, ht, "putIfAbsent", "(" + O + O + ")" + O, 0, 1); // a body of its own, not put's
        add(s, ht, "remove", "(" + O + ")" + O, 0, -1);
        add(s, ht, "clear", "()V", -1, -1);
        addCompute(s, ht);
        add(s, ht, "rehash", "()V", -1, -1);
        String ihm = "java/util/IdentityHashMap";
        add(s, ihm, "put", "(" + O + O + ")" + O, 0, 1);
        add(s, ihm, "remove", "(" + O + ")" + O, 0, -1);
        add(s, ihm, "clear", "()V", -1, -1);
        add(s, ihm, "resize", "(I)Z", -1, -1);
        // what its iterators' remove calls directly (remove calls it too, nested)
        add(s, ihm, "closeDeletion", "(I)V", -1, -1, HookSite.WITH_EXITS);
        String whm = "java/util/WeakHashMap";
        add(s, whm, "put", "(" + O + O + ")" + O, 0, 1);
        add(s, whm, "remove", "(" + O + ")" + O, 0, -1);
        add(s, whm, "clear", "()V", -1, -1);
        add(s, whm, "resize", "(I)V", -1, -1);
        String tm = "java/util/TreeMap";
        // JDK 15+: put(K, V) and putIfAbsent call put(K, V, boolean), which is hooked there instead (JDK 8's
        // putIfAbsent is Map's default, which calls put(K, V))
        add(s, tm, "put", "(" + O + O + ")" + O, 0, 1, HookSite.ALWAYS, "(" + O + O + "Z)" + O);
        add(s, tm, "put", "(" + O + O + "Z)" + O, 0, 1);
        add(s, tm, "pollFirstEntry", "()Ljava/util/Map$Entry;", -1, -1);
        add(s, tm, "pollLastEntry", "()Ljava/util/Map$Entry;", -1, -1);
        add(s, tm, "remove", "(" + O + ")" + O, 0, -1);
        add(s, tm, "clear", "()V", -1, -1);
        addCompute(s, tm);
        addReplace(s, tm);
        // what its iterators' and views' remove call directly (remove and pollFirstEntry call it too, nested)
        add(s, tm, "deleteEntry", "(Ljava/util/TreeMap$Entry;)V", -1, -1, HookSite.WITH_EXITS);
        SITES = Collections.unmodifiableList(s);
    }

    private HookSites() {
    }

    private static void addCompute(List<HookSite> s, String owner) {
        add(s, owner, "compute", COMPUTE, 0, -1);
        add(s, owner, "computeIfAbsent", COMPUTE_ABSENT, 0, -1);
        add(s, owner, "computeIfPresent", COMPUTE, 0, -1);
        add(s, owner, "merge", MERGE, 0, 1);
    }

    /** replace and replaceAll: values written in place, not the map's structure; watched by races only. */
    private static void addReplace(List<HookSite> s, String owner) {
        add(s, owner, "replace", "(" + O + O + ")" + O, 0, 1, HookSite.WITH_EXITS);
        add(s, owner, "replace", "(" + O + O + O + ")Z", 0, 2, HookSite.WITH_EXITS);
        add(s, owner, "replaceAll", "(Ljava/util/function/BiFunction;)V", -1, -1, HookSite.WITH_EXITS);
    }

    private static void add(List<HookSite> s, String owner, String method, String desc, int key, int value) {
        add(s, owner, method, desc, key, value, HookSite.ALWAYS);
    }

    private static void add(List<HookSite> s, String owner, String method, String desc, int key, int value,
            int when) {
        add(s, owner, method, desc, key, value, when, null);
    }

    private static void add(List<HookSite> s, String owner, String method, String desc, int key, int value,
            int when, String unlessDeclared) {
        s.add(new HookSite(s.size(), owner, method, desc, key, value, UNSAFE[classIndex(owner)], when,
                unlessDeclared));
    }

    public static List<HookSite> all() {
        return SITES;
    }

    /** The site with this index or code, or null. */
    public static HookSite byCode(int code) {
        int i = code & ~(io.mapdbg.agent.boot.MapHook.UNSAFE_SITE | io.mapdbg.agent.boot.MapHook.ASSIGN_SITE);
        return i >= 0 && i < SITES.size() ? SITES.get(i) : null;
    }

    public static HookSite find(String owner, String method, String descriptor) {
        for (HookSite site : SITES) {
            if (site.owner.equals(owner) && site.method.equals(method) && site.descriptor.equals(descriptor)) {
                return site;
            }
        }
        return null;
    }

    public static int classIndex(String internalName) {
        for (int i = 0; i < CLASSES.length; i++) {
            if (CLASSES[i].equals(internalName)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean unsafeClass(int classIndex) {
        return UNSAFE[classIndex];
    }

    /** The instrumented class a map's class inherits its mutators from (its own or a superclass), or -1. */
    public static int hookedAncestor(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            int i = classIndex(k.getName().replace('.', '/'));
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }
}
