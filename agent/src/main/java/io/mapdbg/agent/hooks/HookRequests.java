package io.mapdbg.agent.hooks;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.StaticFields;
import io.mapdbg.agent.boot.AllMarker;
import io.mapdbg.agent.boot.MapHook;
import io.mapdbg.agent.boot.Overlap;
import io.mapdbg.agent.channel.ClientSession;
import io.mapdbg.agent.channel.ControlChannel;
import io.mapdbg.agent.channel.Reply;
import io.mapdbg.agent.channel.Request;
import io.mapdbg.agent.channel.RequestHandler;

import java.io.DataOutputStream;
import java.lang.instrument.Instrumentation;

/**
 * The hooks' requests on the control channel (registered by AgentMain at start; the hooks themselves are
 * installed on the first watch):
 * <ul>
 * <li>{@code hooks.watch path=P | id=N, mode=trace,break,races [thread=ID] [cond=TREE]}: watches one map (its
 * trace filtered to one thread and a condition, see {@link ConditionTree}); answers its agent id, class, path and the
 * sites woven for it.</li>
 * <li>{@code hooks.traceAll on=true|false [thread=ID] [cond=TREE]}: the every-map trace (mapassign without --map);
 * answers the classes hooked.</li>
 * <li>{@code hooks.unwatch path=P | id=N}, {@code hooks.clear} (everything this client armed disarmed; the classes
 * retransformed back when no client has anything armed), {@code hooks.races all=true|false},
 * {@code hooks.fault on=true|false} (tests).</li>
 * <li>{@code hooks.session}: the id of this connection's client session; {@code hooks.events [session=N] [batch=N]}:
 * streams session N's trace events (see {@link EventStream}), from a second connection of the same client.</li>
 * </ul>
 * What a request arms belongs to the client session it came in ({@link HookLeases}): it is disarmed when that
 * session's connection ends, however it ended; two clients never see or clear each other's watches, events, counts
 * or overlaps.
 * <ul>
 * <li>{@code hooks.digest class=java.util.HashMap}: the SHA-256 of the class's bytes now (tests).</li>
 * <li>{@code hooks.overlaps} (each map once: agent id, class, count, first time, then per thread its name, key and
 * stack; then the count of overlaps beyond the log), {@code hooks.stats}.</li>
 * </ul>
 */
public final class HookRequests {
    private static Hooks leaseHooks; // guarded by HookRequests.class
    private static HookLeases leases; // guarded by HookRequests.class

    private HookRequests() {
    }

    public static void register(ControlChannel channel, final Instrumentation inst) {
        channel.register("hooks.session", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                reply.out().writeLong(request.session().id()); // for hooks.events session=N on another connection
            }
        });
        channel.register("hooks.watch", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Object map = map(inst, request);
                long id = ObjectIds.get().idOf(map);
                int mode = mode(request.arg("mode", "trace"));
                ConditionTree condition = condition(request, map.getClass());
                Hooks hooks = Hooks.install(inst);
                leases(hooks).watch(request.session(), map, (int) id, mode, request.longArg("thread", 0), condition);
                DataOutputStream out = reply.out();
                out.writeLong(id);
                out.writeUTF(map.getClass().getName());
                out.writeUTF(request.arg("path", ""));
                HookStats stats = hooks.stats();
                out.writeInt(stats.hookedClasses.size());
                for (String c : stats.hookedClasses) {
                    out.writeUTF(c.replace('/', '.'));
                }
            }
        });
        channel.register("hooks.traceAll", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                boolean on = request.flag("on");
                ConditionTree condition = on ? condition(request, null) : null;
                Hooks hooks = Hooks.install(inst);
                leases(hooks).traceAll(request.session(), on, request.longArg("thread", 0), condition);
                HookStats stats = hooks.stats();
                DataOutputStream out = reply.out();
                out.writeInt(stats.hookedClasses.size());
                for (String c : stats.hookedClasses) {
                    out.writeUTF(c.replace('/', '.'));
                }
            }
        });
        channel.register("hooks.unwatch", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks hooks = Hooks.installed();
                reply.out().writeBoolean(hooks != null && leases(hooks).unwatch(request.session(), map(inst, request)));
            }
        });
        channel.register("hooks.clear", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks hooks = Hooks.installed();
                if (hooks != null) {
                    leases(hooks).release(request.session()); // this client's; another's stay armed
                }
                writeStats(reply.out(), hooks);
            }
        });
        channel.register("hooks.races", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks hooks = Hooks.install(inst);
                leases(hooks).racesAll(request.session(), request.flag("all"),
                        request.intArg("duty", AllMarker.DEFAULT_DUTY));
                if (request.flag("reset")) {
                    leases(hooks).resetOverlaps(request.session());
                }
                writeStats(reply.out(), hooks);
            }
        });
        channel.register("hooks.counts", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks hooks = Hooks.installed();
                long[][] rows = hooks == null ? new long[0][] : leases(hooks).writeCounts(request.session());
                DataOutputStream out = reply.out();
                out.writeInt(rows.length);
                for (long[] r : rows) {
                    out.writeLong(r[0]);
                    out.writeLong(r[1]);
                    out.writeInt((int) r[2]);
                }
                long[] all = io.mapdbg.agent.boot.WriterCells.coverage(); // appended: an older client stops above
                out.writeLong(all[0]);
                out.writeLong(all[1]);
            }
        });
        channel.register("hooks.fault", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks.install(inst).injectFault(request.flag("on"));
            }
        });
        channel.register("hooks.stats", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                writeStats(reply.out(), Hooks.installed());
            }
        });
        channel.register("hooks.overlaps", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks hooks = Hooks.installed();
                if (hooks == null) {
                    reply.out().writeInt(0); // nothing installed: the boot classes must not be touched yet
                    reply.out().writeLong(0);
                    return;
                }
                writeOverlaps(reply.out(), leases(hooks).overlaps(request.session()));
            }
        });
        channel.register("hooks.digest", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Class<?> c = Class.forName(request.arg("class"), false, null);
                reply.out().writeUTF(ClassDigest.of(inst, c));
            }
        });
        channel.register("hooks.events", new RequestHandler() {
            @Override
            public void handle(Request request, Reply reply) throws Exception {
                Hooks hooks = Hooks.install(inst);
                new EventStream(leases(hooks), streamed(request), reply, request.intArg("batch", 4096)).run();
            }
        });
    }

    /** The leases of the installed hooks (made with them; dropped when they are uninstalled). */
    static HookLeases leases(Hooks hooks) {
        synchronized (HookRequests.class) {
            if (leaseHooks != hooks) {
                leaseHooks = hooks;
                leases = new HookLeases(hooks);
            }
            return leases;
        }
    }

    /** The session whose events a stream serves: the one named by session=N (the client's control connection's). */
    private static ClientSession streamed(Request request) {
        String id = request.arg("session", null);
        if (id == null) {
            return request.session();
        }
        ClientSession s = ClientSession.byId(Long.parseLong(id.trim()));
        if (s == null) {
            throw new IllegalArgumentException("session " + id + " has ended: its watches are gone");
        }
        return s;
    }

    /** The condition of a trace (cond=, the CLI's parsed expression in prefix form), or null; refused when unreadable. */
    static ConditionTree condition(Request request, Class<?> mapClass) {
        String wire = request.arg("cond", null);
        return wire == null ? null : ConditionTree.parse(wire, mapClass);
    }

    static Object map(Instrumentation inst, Request request) {
        String path = request.arg("path", null);
        if (path != null) {
            return StaticFields.resolve(inst, path);
        }
        long id = request.longArg("id", 0);
        Object map = ObjectIds.get().byId(id);
        if (map == null) {
            throw new IllegalArgumentException("@" + id + " is not known to the agent: ids come from the agent's own"
                    + " maps output; use a static path");
        }
        return map;
    }

    static int mode(String words) {
        int mode = 0;
        for (String w : words.split(",")) {
            String m = w.trim();
            if (m.equals("trace")) {
                mode |= Hooks.TRACE;
            } else if (m.equals("break")) {
                mode |= Hooks.BREAK;
            } else if (m.equals("races")) {
                mode |= Hooks.RACES;
            } else if (!m.isEmpty()) {
                throw new IllegalArgumentException("unknown hook mode '" + m + "' (trace, break, races)");
            }
        }
        return mode;
    }

    /** installed, watched, racesAll, enters, queued, dropped, pending, faults, hits, overlaps, errors. */
    static void writeStats(DataOutputStream out, Hooks hooks) throws java.io.IOException {
        out.writeBoolean(hooks != null);
        if (hooks == null) {
            return;
        }
        HookStats s = hooks.stats();
        out.writeInt(s.hookedClasses.size());
        for (String c : s.hookedClasses) {
            out.writeUTF(c.replace('/', '.'));
        }
        out.writeInt(s.watched);
        out.writeBoolean(s.racesAll);
        out.writeLong(s.enters);
        out.writeLong(s.eventsQueued);
        out.writeLong(s.eventsDropped);
        out.writeLong(s.eventsPending);
        out.writeLong(s.faults);
        out.writeLong(s.breakpointHits);
        out.writeInt(s.overlaps);
        out.writeInt(s.transformErrors.size());
        for (String e : s.transformErrors) {
            out.writeUTF(e);
        }
        out.writeInt(AllMarker.dutyPercent()); // races --all's duty in effect: the highest any session asked for
    }

    /** Each as {overlap, count, firstMillis, unordered writes} (see {@link HookLeases#overlaps}). */
    private static void writeOverlaps(DataOutputStream out, java.util.List<Object[]> overlaps) throws java.io.IOException {
        out.writeInt(overlaps.size());
        for (Object[] row : overlaps) {
            Overlap o = (Overlap) row[0];
            Object map = o.map();
            out.writeLong(map == null ? 0 : ObjectIds.get().idOf(map));
            out.writeUTF(o.mapClass);
            out.writeLong(((Long) row[1]).longValue());
            out.writeLong(((Long) row[2]).longValue());
            for (int t = 0; t < 2; t++) {
                out.writeUTF(o.threads[t]);
                out.writeUTF(EventStream.previewOrNull(o.keys[t]));
                java.util.List<String> frames = shown(o.stacks[t]);
                out.writeInt(frames.size());
                for (String f : frames) {
                    out.writeUTF(f);
                }
            }
        }
        out.writeLong(MapHook.OVERLAPS.unrecorded());
        // appended after the old format (a client that stops at the count above still reads it): per record its kind
        // (0 overlap, 1 unordered writes), its unordered switches, and whether the other stack was taken inside
        for (Object[] row : overlaps) {
            Overlap o = (Overlap) row[0];
            out.writeByte(o.kind);
            out.writeLong(((Long) row[3]).longValue());
            out.writeBoolean(o.otherStackInside());
        }
        // appended again (a client that stops above still reads it): per record its two threads' Java ids
        for (Object[] row : overlaps) {
            Overlap o = (Overlap) row[0];
            out.writeLong(o.threadIds[0]);
            out.writeLong(o.threadIds[1]);
        }
    }

    /**
     * The frames of a stack as reported (at most 64): without the hook's own frames on top, and without the frame of
     * the wrap races --all puts around a hot map's write (the same mutator again, right below itself).
     */
    static java.util.List<String> shown(StackTraceElement[] stack) {
        java.util.List<String> out = new java.util.ArrayList<String>();
        StackTraceElement above = null;
        for (StackTraceElement f : stack) {
            if (out.isEmpty() && above == null && f.getClassName().startsWith("io.mapdbg.agent.")) {
                continue;
            }
            boolean wrap = above != null && f.getClassName().startsWith("java.util.")
                    && f.getClassName().equals(above.getClassName()) && f.getMethodName().equals(above.getMethodName());
            above = f;
            if (!wrap && out.size() < 64) {
                out.add(f.toString());
            }
        }
        return out;
    }
}
