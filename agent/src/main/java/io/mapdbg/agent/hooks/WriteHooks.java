package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.EventSink;
import io.mapdbg.agent.boot.MapHook;
import io.mapdbg.agent.boot.Overlap;
import io.mapdbg.agent.boot.TracedWrite;
import io.mapdbg.agent.boot.WriteFilter;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The write hooks behind {@link Hooks}, linked only once the hook classes are on the bootstrap class path (its
 * code names them, and the verifier would load them through the agent's loader otherwise). The write hooks' API inside the agent: watch a map instance (trace its writes, let a JDI breakpoint stop them,
 * keep its writer marker for races), drain the events, read the overlaps. Map classes carry the hooks only while
 * something needs them: each watch or unwatch retransforms just the classes whose need changed (a retransform
 * throws away compiled callers), and {@link #clear} and {@link #uninstall} put the original bytes back.
 */
final class WriteHooks {
    private final Instrumentation inst;
    private final HookTransformer transformer = new HookTransformer();
    /** The hooked class index of each watch slot's map, or -1. */
    private final int[] slotClasses = new int[MapHook.SLOTS];
    private int appliedMask;
    private WeaveMode appliedMode;

    private WriteHooks(Instrumentation inst) {
        this.inst = inst;
        Arrays.fill(slotClasses, -1);
    }

    static WriteHooks create(Instrumentation inst) {
        if (MapHook.class.getClassLoader() != null) {
            throw new IllegalStateException("the hook class was loaded by " + MapHook.class.getClassLoader()
                    + " before it reached the bootstrap class path");
        }
        WriteHooks hooks = new WriteHooks(inst);
        inst.addTransformer(hooks.transformer, true);
        return hooks;
    }

    /** Clears and takes the transformer away. */
    void remove() {
        try {
            clear();
        } finally {
            inst.removeTransformer(transformer);
        }
    }

    /**
     * Watches one map instance with the mode bits ({@link #TRACE}, {@link #BREAK}, {@link #RACES}) under an id
     * that its events and overlaps carry. Watching it again changes its id and mode.
     */
    synchronized int watch(Object map, int id, int mode) throws UnmodifiableClassException {
        return watch(map, id, mode, null);
    }

    /** As above, its traced writes filtered (null: not filtered). */
    synchronized int watch(Object map, int id, int mode, WriteFilter[] filters) throws UnmodifiableClassException {
        if (map == null) {
            throw new IllegalArgumentException("no map to watch");
        }
        int cls = HookSites.hookedAncestor(map.getClass());
        if (cls < 0) {
            throw new IllegalArgumentException(map.getClass().getName() + " is not a map class the hooks know ("
                    + known() + ")");
        }
        int slot = MapHook.watch(map, id, mode, filters);
        if (slot < 0) {
            throw new IllegalStateException("all " + MapHook.SLOTS + " watch slots are taken: unwatch a map first");
        }
        slotClasses[slot] = cls;
        apply();
        return slot;
    }

    synchronized boolean unwatch(Object map) throws UnmodifiableClassException {
        int slot = MapHook.unwatch(map);
        if (slot < 0) {
            return false;
        }
        slotClasses[slot] = -1;
        apply();
        return true;
    }

    /** The every-map trace (mapassign without --map): every map class hooked while it is on. */
    synchronized void traceAll(boolean on, WriteFilter[] filters) throws UnmodifiableClassException {
        MapHook.traceAll(on, filters);
        apply();
    }

    /** {@code races --all}: the writer marker on every instance of the non-thread-safe map classes. */
    synchronized void racesAll(boolean on) throws UnmodifiableClassException {
        MapHook.racesAll(on);
        apply();
    }

    /** Unwatches everything, drops queued events and retransforms every hooked class back to its original. */
    synchronized void clear() {
        MapHook.unwatchAll();
        Arrays.fill(slotClasses, -1);
        MapHook.EVENTS.discard();
        try {
            apply();
        } catch (Throwable t) {
            transformer.error("clear: " + t);
        }
    }

    /** Forgets the overlaps seen so far. */
    void resetOverlaps() {
        MapHook.OVERLAPS.clear();
    }

    int drain(int max, EventSink sink) {
        return MapHook.EVENTS.drain(max, sink);
    }

    List<WriteEvent> drain(int max) {
        final List<WriteEvent> out = new ArrayList<WriteEvent>();
        MapHook.EVENTS.drain(max, new EventSink() {
            @Override
            public void event(TracedWrite w) {
                HookSite s = HookSites.byCode(w.site);
                out.add(new WriteEvent(w.mapId, s == null ? "site " + w.site : s.shortName(), w.epochMillis, w.thread,
                        EventStream.preview(w.key), EventStream.preview(w.value)));
            }
        });
        return out;
    }

    Overlap[] overlaps() {
        return MapHook.OVERLAPS.snapshot();
    }

    /** Makes every watched write's hook throw (caught and counted): a test's fault injection. */
    void injectFault(boolean on) {
        MapHook.injectFault(on);
    }

    synchronized HookStats stats() {
        List<String> hooked = new ArrayList<String>();
        int sites = 0;
        for (int i = 0; i < HookSites.CLASSES.length; i++) {
            if ((appliedMask & (1 << i)) != 0) {
                hooked.add(HookSites.CLASSES[i]);
                sites += transformer.wovenSites(i);
            }
        }
        return new HookStats(hooked, sites, MapHook.watchedCount(), MapHook.racesAll(), MapHook.counters(),
                MapHook.EVENTS.pending(), MapHook.lastFault(), MapHook.OVERLAPS.snapshot().length,
                transformer.errors());
    }

    /** Retransforms exactly the classes whose need for hooks changed. */
    private void apply() throws UnmodifiableClassException {
        int mask = 0;
        for (int i = 0; i < slotClasses.length; i++) {
            if (slotClasses[i] >= 0) {
                mask |= 1 << slotClasses[i];
            }
        }
        if (MapHook.racesAll()) {
            for (int i = 0; i < HookSites.CLASSES.length; i++) {
                if (HookSites.unsafeClass(i)) {
                    mask |= 1 << i;
                }
            }
        }
        if (MapHook.tracesAll()) {
            mask |= (1 << HookSites.CLASSES.length) - 1;
        }
        WeaveMode mode = new WeaveMode(MapHook.watchedCount() > 0 || MapHook.tracesAll(), // else races --all alone
                MapHook.watchedWith(MapHook.RACES) > 0, MapHook.racesAll(), MapHook.oneGate());
        int changed = mask ^ appliedMask;
        if (!mode.equals(appliedMode)) {
            changed |= mask; // the hooked classes get (or lose) exit hooks or cells, or change their gate
        }
        if (changed == 0) {
            return;
        }
        transformer.activeClasses(mask, mode);
        List<Class<?>> classes = new ArrayList<Class<?>>();
        for (int i = 0; i < HookSites.CLASSES.length; i++) {
            if ((changed & (1 << i)) != 0) {
                classes.add(mapClass(i));
            }
        }
        inst.retransformClasses(classes.toArray(new Class<?>[0]));
        appliedMask = mask;
        appliedMode = mode;
    }

    private static Class<?> mapClass(int index) {
        try {
            return Class.forName(HookSites.CLASSES[index].replace('/', '.'), false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String known() {
        StringBuilder s = new StringBuilder();
        for (String c : HookSites.CLASSES) {
            s.append(s.length() == 0 ? "" : ", ").append(c.substring(c.lastIndexOf('/') + 1));
        }
        return s.append(" and subclasses").toString();
    }
}
