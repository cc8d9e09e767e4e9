package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.MapHook;

/**
 * One instrumented method: where it is, which parameters are the key and the value (-1: none), and whether its
 * class is not thread-safe (then its exits are hooked too, for the writer marker of {@code races}).
 */
public final class HookSite {
    static final String OBJ = "Ljava/lang/Object;";

    public final int index;
    /** Internal name, e.g. java/util/HashMap. */
    public final String owner;
    public final String method;
    public final String descriptor;
    public final int keyParam;
    public final int valueParam;
    public final boolean unsafe;
    /** When the site is woven: {@link #ALWAYS}, {@link #WITHOUT_EXITS} or {@link #WITH_EXITS}. */
    final int when;
    /**
     * A descriptor of the same method name that, when the class declares it, takes this site's place (it does the
     * work and this method only calls it: hooking both would report each write twice); null for none.
     */
    final String unlessDeclared;

    /** Woven whenever its class is hooked. */
    static final int ALWAYS = 0;
    /** Woven only while no exit hooks are (trace and break alone). */
    static final int WITHOUT_EXITS = 1;
    /** Woven only while exit hooks are (races). */
    static final int WITH_EXITS = 2;

    HookSite(int index, String owner, String method, String descriptor, int keyParam, int valueParam,
            boolean unsafe, int when, String unlessDeclared) {
        this.index = index;
        this.owner = owner;
        this.method = method;
        this.descriptor = descriptor;
        this.keyParam = keyParam;
        this.valueParam = valueParam;
        this.unsafe = unsafe;
        this.when = when;
        this.unlessDeclared = unlessDeclared;
    }

    /** True when the site is woven into its class with (or without) the exit hooks of races. */
    public boolean wovenWith(boolean exits) {
        return when == ALWAYS || (when == WITH_EXITS) == exits;
    }

    /** The int the hook receives: the index, flagged when the map class is not thread-safe. */
    public int code() {
        return (unsafe ? index | MapHook.UNSAFE_SITE : index) | (assign() ? MapHook.ASSIGN_SITE : 0);
    }

    /**
     * A site of mapassign (the writes a trace reports: puts, removes, clears, compute*, merge, replace), not a resize
     * point, nor a deletion helper that a hooked remove calls too.
     */
    public boolean assign() {
        return !(keyParam < 0 && (method.equals("resize") || method.equals("treeifyBin") || method.equals("transfer")
                || method.equals("rehash") || method.equals("closeDeletion") || method.equals("deleteEntry")));
    }

    /** e.g. HashMap.putVal */
    public String shortName() {
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + method;
    }

    /** e.g. java.util.HashMap.putVal */
    public String fullName() {
        return owner.replace('/', '.') + "." + method;
    }

    @Override
    public String toString() {
        return owner.replace('/', '.') + "." + method + descriptor;
    }
}
