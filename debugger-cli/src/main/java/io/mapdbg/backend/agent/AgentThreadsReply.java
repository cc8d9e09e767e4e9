package io.mapdbg.backend.agent;

import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's reply to {@code threads blocked=true} read into records: every thread (with the frames the agent
 * sent), every wait with its lock, and after the waits (when the agent sends them) the read holders and map entry
 * of each lock. For {@link AgentThreads}.
 */
final class AgentThreadsReply {
    private AgentThreadsReply() {
    }

    record Dumped(long id, String name, String state, boolean daemon, int frameCount, List<FrameInfo> frames) {
    }

    record Wait(Dumped thread, String kind, String lockClass, String key, long lockId, String detail,
                long owner, MapBin map, String note, long[] readers, MapEntryRef entry) {
    }

    record Dump(List<Dumped> all, Map<Long, Dumped> byId, List<Wait> waits, long pause) {
    }

    static Dump parse(DataInputStream in) throws IOException {
        long pause = in.readLong() / 1_000_000;
        List<Dumped> all = threads(in);
        Map<Long, Dumped> byId = new HashMap<>();
        for (Dumped t : all) {
            byId.put(t.id(), t);
        }
        List<Wait> waits = new ArrayList<>();
        List<Boolean> known = new ArrayList<>(); // per wait read: whether its thread is in the dump
        for (int n = in.readInt(); n > 0; n--) {
            Dumped thread = byId.get(in.readLong());
            String kind = in.readUTF();
            String lockClass = in.readUTF();
            String key = in.readUTF();
            long lockId = in.readLong();
            String detail = nullable(in);
            long owner = in.readLong();
            MapBin map = null;
            String note = null;
            if (in.readBoolean()) {
                map = new MapBin(in.readLong(), in.readUTF(), nullable(in), in.readInt());
                note = nullable(in);
            }
            known.add(thread != null);
            if (thread != null) {
                waits.add(new Wait(thread, kind, lockClass, key, lockId, detail, owner, map, note, NONE, null));
            }
        }
        return new Dump(all, byId, extras(in, waits, known), pause);
    }

    private static final long[] NONE = new long[0];

    /**
     * The readings after the waits (an agent of an older build sends none): per lock its read holders and the map
     * entry whose value it is, then per wait its lock's index.
     */
    private static List<Wait> extras(DataInputStream in, List<Wait> waits, List<Boolean> known) throws IOException {
        if (in.available() <= 0) {
            return waits;
        }
        int locks = in.readInt();
        long[][] readers = new long[locks][];
        MapEntryRef[] entries = new MapEntryRef[locks];
        for (int i = 0; i < locks; i++) {
            readers[i] = new long[in.readInt()];
            for (int r = 0; r < readers[i].length; r++) {
                readers[i][r] = in.readLong();
            }
            if (in.readBoolean()) {
                entries[i] = new MapEntryRef(new MapRef(in.readLong(), in.readUTF(), nullable(in)), in.readUTF());
            }
        }
        List<Wait> out = new ArrayList<>(waits.size());
        int next = 0;
        for (boolean k : known) {
            int lock = in.readInt();
            if (k) {
                Wait w = waits.get(next++);
                out.add(new Wait(w.thread(), w.kind(), w.lockClass(), w.key(), w.lockId(), w.detail(), w.owner(), w.map(),
                        w.note(), readers[lock], entries[lock]));
            }
        }
        return out;
    }

    static List<Dumped> threads(DataInputStream in) throws IOException {
        List<Dumped> all = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            long id = in.readLong();
            String name = in.readUTF();
            String state = in.readUTF();
            boolean daemon = in.readBoolean();
            int frameCount = in.readInt();
            List<FrameInfo> frames = new ArrayList<>();
            for (int i = 0, shown = in.readInt(); i < shown; i++) {
                String cls = in.readUTF();
                String method = in.readUTF();
                String file = in.readBoolean() ? in.readUTF() : null;
                int line = in.readInt();
                boolean nativeMethod = in.readBoolean();
                frames.add(FrameInfo.location(i, cls, method, file, line >= 0 ? line : null, nativeMethod));
            }
            all.add(new Dumped(id, name, state, daemon, frameCount, List.copyOf(frames)));
        }
        return all;
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
