package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.EventSink;
import io.mapdbg.agent.boot.Overlap;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.List;

/**
 * The write hooks' API inside the agent: watch a map instance (trace its writes, let a JDI breakpoint stop them,
 * keep its writer marker for races), drain the events, read the overlaps. Map classes carry the hooks only while
 * something needs them: each watch or unwatch retransforms just the classes whose need changed (a retransform
 * throws away compiled callers that inlined them), and {@link #clear} and {@link #uninstall} put the original
 * bytes back.
 *
 * <p>This class must not make the verifier load the hook classes (it is linked before they reach the bootstrap
 * class path): it only passes their types through, the work is in {@link WriteHooks}.
 */
public final class Hooks {
    public static final int TRACE = 1;
    public static final int BREAK = 2;
    public static final int RACES = 4;

    private static Hooks installed;

    private final WriteHooks hooks;

    private Hooks(WriteHooks hooks) {
        this.hooks = hooks;
    }

    /** Installs the hook classes and the transformer once per JVM; no class is retransformed until a watch. */
    public static synchronized Hooks install(Instrumentation inst) throws Exception {
        if (installed == null) {
            if (!inst.isRetransformClassesSupported()) {
                throw new IllegalStateException("this JVM cannot retransform classes: no write hooks");
            }
            BootJar.append(inst);
            installed = new Hooks(WriteHooks.create(inst));
        }
        return installed;
    }

    /** The installed hooks, or null. */
    public static synchronized Hooks installed() {
        return installed;
    }

    /** Removes every watch, puts the original classes back and takes the transformer away (detach, exit). */
    public static synchronized void uninstall() {
        if (installed != null) {
            try {
                installed.hooks.remove();
            } finally {
                installed = null;
            }
        }
    }

    /**
     * Watches one map instance with the mode bits ({@link #TRACE}, {@link #BREAK}, {@link #RACES}) under an id
     * that its events and overlaps carry; returns its watch slot. Watching it again changes its id and mode.
     */
    public int watch(Object map, int id, int mode) throws UnmodifiableClassException {
        return hooks.watch(map, id, mode);
    }

    /** As {@link #watch(Object, int, int)}, its traced writes filtered (null: not filtered). */
    public int watch(Object map, int id, int mode, io.mapdbg.agent.boot.WriteFilter[] filters)
            throws UnmodifiableClassException {
        return hooks.watch(map, id, mode, filters);
    }

    /** The every-map trace on or off (mapassign without --map), filtered (null: not filtered). */
    public void traceAll(boolean on, io.mapdbg.agent.boot.WriteFilter[] filters) throws UnmodifiableClassException {
        hooks.traceAll(on, filters);
    }

    public boolean unwatch(Object map) throws UnmodifiableClassException {
        return hooks.unwatch(map);
    }

    /** {@code races --all}: the writer marker on every instance of the non-thread-safe map classes. */
    public void racesAll(boolean on) throws UnmodifiableClassException {
        hooks.racesAll(on);
    }

    /** Unwatches everything, drops queued events and retransforms every hooked class back to its original. */
    public void clear() {
        hooks.clear();
    }

    public void resetOverlaps() {
        hooks.resetOverlaps();
    }

    /** Hands up to max queued events to the sink (one reader at a time); returns how many. */
    public int drain(int max, EventSink sink) {
        return hooks.drain(max, sink);
    }

    public List<WriteEvent> drain(int max) {
        return hooks.drain(max);
    }

    public Overlap[] overlaps() {
        return hooks.overlaps();
    }

    /** Makes every watched write's hook throw (caught and counted): fault injection for tests. */
    public void injectFault(boolean on) {
        hooks.injectFault(on);
    }

    public HookStats stats() {
        return hooks.stats();
    }

    /** The full name of a site code carried by an event, e.g. java.util.HashMap.putVal. */
    public static String siteFullName(int site) {
        HookSite s = HookSites.byCode(site);
        return s == null ? "site " + site : s.fullName();
    }

    /** The short name of a site code carried by an event, e.g. HashMap.putVal. */
    public static String siteName(int site) {
        HookSite s = HookSites.byCode(site);
        return s == null ? "site " + site : s.shortName();
    }
}
