package io.mapdbg.agent.hooks;

import io.mapdbg.agent.ObjectIds;
import io.mapdbg.agent.boot.Callers;
import io.mapdbg.agent.boot.EventSink;
import io.mapdbg.agent.boot.MapHook;
import io.mapdbg.agent.boot.TracedWrite;
import io.mapdbg.agent.channel.ClientSession;
import io.mapdbg.agent.channel.Reply;
import io.mapdbg.agent.layout.Preview;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams one client session's trace events in batches: each partial frame holds records, each a tag byte then its
 * fields: {@code 'f'} an event ({@code BOOLEAN everyMap, LONG mapId (the watch's id; for the every-map trace the
 * agent's id of the map), UTF mapClass, UTF site (java.util.HashMap.putVal), LONG epochMillis, UTF thread, LONG
 * threadId, then key, value and caller ({@code Class.method:line}), each BOOLEAN present then UTF}),
 * {@code 'c'} a trace whose condition failed ({@code BOOLEAN everyMap, LONG mapId, LONG failures, UTF first
 * message}, sent when its count grew) and
 * {@code 's'} the counters ({@code LONG queued, LONG dropped}), sent after every batch and twice a second when idle
 * (which also finds a client that went away). The events are the session's own ({@link SessionEvents}): another
 * client's trace neither takes them nor ends them. Ends when the session traces nothing any more and its queue is
 * empty, or when the session ends. The stream is not the lease: the session is (a stream that breaks leaves the
 * session's watches to the session, which disarms them when its connection ends).
 */
final class EventStream implements EventSink {
    private static final long IDLE_PARK_NANOS = 500_000L;
    private static final long BEAT_NANOS = 500_000_000L;
    static final int PREVIEW_CHARS = 160;
    /** A trace hit's key and value: as long as the JDWP path's (its HitReader.PREVIEW), so both show the same text. */
    static final int HIT_PREVIEW_CHARS = 60;

    private final HookLeases leases;
    private final ClientSession session;
    private final Reply reply;
    private final DataOutputStream out;
    private final int batch;
    private IOException failed;

    EventStream(HookLeases leases, ClientSession session, Reply reply, int batch) {
        this.leases = leases;
        this.session = session;
        this.reply = reply;
        this.out = reply.out();
        this.batch = Math.max(1, Math.min(batch, 65536));
    }

    void run() throws IOException {
        session.onClose(new Runnable() {
            @Override
            public void run() {
                reply.abort(); // a write blocked on a client that stopped reading ends too
            }
        });
        long lastBeat = System.nanoTime();
        while (true) {
            leases.pump(batch);
            SessionEvents queue = leases.events(session);
            if ((queue != null && queue.pending() > 0) || System.nanoTime() - lastBeat > BEAT_NANOS) {
                failures(); // before the events: a failure seen before a hit is said before it, as JDWP says it
            }
            int n = queue == null ? 0 : queue.take(batch, this);
            if (failed != null) {
                throw failed;
            }
            long now = System.nanoTime();
            if (n > 0 || now - lastBeat > BEAT_NANOS) {
                counters(queue);
                reply.flush();
                lastBeat = now;
            }
            if (n == 0) {
                if (session.closed() || (!leases.streams(session) && (queue == null || queue.pending() == 0))) {
                    counters(queue);
                    return; // the final frame carries the last counters
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    private final java.util.List<long[]> failuresSaid = new java.util.ArrayList<long[]>(); // {id, count said}

    /** The session's failing conditions whose count grew since last said. */
    private void failures() throws IOException {
        for (Object[] f : leases.conditionFailures(session)) {
            int id = ((Integer) f[0]).intValue();
            long count = ((Long) f[1]).longValue();
            long[] said = null;
            for (long[] s : failuresSaid) {
                if (s[0] == id) {
                    said = s;
                }
            }
            if (said == null) {
                said = new long[] {id, 0};
                failuresSaid.add(said);
            }
            if (count > said[1]) {
                said[1] = count;
                out.writeByte('c');
                out.writeBoolean(id == -1);
                out.writeLong(id);
                out.writeLong(count);
                out.writeUTF((String) f[2]);
            }
        }
    }

    /** The session's queued count, and its drops: its own queue's and the hooks' ring's (shared by every session). */
    private void counters(SessionEvents queue) throws IOException {
        long[] own = queue == null ? new long[2] : queue.counters();
        long[] ring = MapHook.counters();
        out.writeByte('s');
        out.writeLong(own[0]);
        out.writeLong(own[1] + ring[2]);
    }

    /**
     * A key's or value's text as every other path shows it ({@link Preview}: field reads only, no toString), made
     * here on the channel's thread, not in the writer's put; null when absent.
     */
    static String preview(Object o) {
        return o == null ? null : Preview.of(o, PREVIEW_CHARS);
    }

    /** As {@link #preview}, a null key reading "null". */
    static String previewOrNull(Object o) {
        return Preview.of(o, PREVIEW_CHARS);
    }

    private static String hitPreview(Object o, boolean argument) {
        return o == null && !argument ? null : Preview.of(o, HIT_PREVIEW_CHARS);
    }

    private void nullable(String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    @Override
    public void event(TracedWrite w) {
        if (failed != null) {
            return;
        }
        try {
            boolean everyMap = w.mapId == -1;
            out.writeByte('f');
            out.writeBoolean(everyMap);
            out.writeLong(everyMap ? ObjectIds.get().idOf(w.map) : w.mapId);
            out.writeUTF(w.map == null ? "" : w.map.getClass().getName());
            out.writeUTF(Hooks.siteFullName(w.site));
            out.writeLong(w.epochMillis);
            out.writeUTF(w.thread == null ? "?" : w.thread);
            out.writeLong(w.threadId);
            HookSite site = HookSites.byCode(w.site);
            // as the JDWP path shows an argument: "null" where the method has one and it is null, absent where none
            nullable(hitPreview(w.key, site != null && site.keyParam >= 0));
            nullable(hitPreview(w.value, site != null && site.valueParam >= 0));
            nullable(Callers.describe(w.caller));
        } catch (IOException e) {
            failed = e;
        }
    }
}
