package io.mapdbg.agent.hooks;

import io.mapdbg.agent.boot.EventSink;
import io.mapdbg.agent.boot.MapHook;
import io.mapdbg.agent.channel.Reply;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams the trace events to one client in batches: each partial frame holds records, each a tag byte then its
 * fields: {@code 'e'} an event ({@code INT mapId, UTF site (java.util.HashMap.putVal), LONG epochMillis, UTF thread, LONG threadId, key and value each
 * BOOLEAN present then UTF}) and
 * {@code 's'} the counters ({@code LONG queued, LONG dropped}), sent after every batch and twice a second when idle
 * (which also finds a client that went away). Ends when no map is watched any more and the ring is empty; when the
 * client is gone instead, the hooks are cleared (the stream is their lease: a CLI that died leaves no hook behind).
 */
final class EventStream implements EventSink {
    private static final long IDLE_PARK_NANOS = 500_000L;
    private static final long BEAT_NANOS = 500_000_000L;

    private final Hooks hooks;
    private final Reply reply;
    private final DataOutputStream out;
    private final int batch;
    private IOException failed;

    EventStream(Hooks hooks, Reply reply, int batch) {
        this.hooks = hooks;
        this.reply = reply;
        this.out = reply.out();
        this.batch = Math.max(1, Math.min(batch, 65536));
    }

    void run() throws IOException {
        long lastBeat = System.nanoTime();
        try {
            while (true) {
                int n = hooks.drain(batch, this);
                if (failed != null) {
                    throw failed;
                }
                long now = System.nanoTime();
                if (n > 0 || now - lastBeat > BEAT_NANOS) {
                    counters();
                    reply.flush();
                    lastBeat = now;
                }
                if (n == 0) {
                    if (MapHook.watchedCount() == 0 && MapHook.EVENTS.pending() == 0) {
                        counters();
                        return; // the final frame carries the last counters
                    }
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } catch (IOException gone) {
            hooks.clear();
            throw gone;
        }
    }

    private void counters() throws IOException {
        long[] c = MapHook.counters();
        out.writeByte('s');
        out.writeLong(c[1]);
        out.writeLong(c[2]);
    }

    private void nullable(String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    @Override
    public void event(int mapId, int site, long epochMillis, long threadId, String thread, String key, String value) {
        if (failed != null) {
            return;
        }
        try {
            out.writeByte('e');
            out.writeInt(mapId);
            out.writeUTF(Hooks.siteFullName(site));
            out.writeLong(epochMillis);
            out.writeUTF(thread == null ? "?" : thread);
            out.writeLong(threadId);
            nullable(key);
            nullable(value);
        } catch (IOException e) {
            failed = e;
        }
    }
}
