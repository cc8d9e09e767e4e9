package io.mapdbg.render;

import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.MapEntryRef;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;

import java.util.List;

/**
 * A blocked report as JSON, written by hand: the same text Jackson writes for the record (same fields, same order,
 * same escapes; BlockedJsonTest compares the two), without Jackson's first-use cost (~0.1 s of serializer building
 * in a fresh client JVM) on {@code threads --blocked --json}.
 */
final class BlockedJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private BlockedJson() {
    }

    static String render(BlockedReport r) {
        StringBuilder b = new StringBuilder(4096 + 96 * r.threads());
        b.append("{\"type\":\"blocked\",\"threads\":").append(r.threads()).append(",\"clusters\":[");
        List<BlockedCluster> clusters = r.clusters();
        for (int i = 0; i < clusters.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            cluster(b, clusters.get(i));
        }
        b.append("],\"deadlocks\":[");
        List<Deadlock> deadlocks = r.deadlocks();
        for (int i = 0; i < deadlocks.size(); i++) {
            b.append(i > 0 ? "," : "").append("{\"cycle\":[");
            List<Deadlock.Step> steps = deadlocks.get(i).cycle();
            for (int j = 0; j < steps.size(); j++) {
                Deadlock.Step s = steps.get(j);
                b.append(j > 0 ? "," : "").append("{\"thread\":");
                summary(b, s.thread());
                b.append(",\"waitsFor\":");
                lock(b, s.waitsFor());
                b.append(",\"frame\":");
                string(b, s.frame());
                b.append('}');
            }
            b.append("]}");
        }
        return b.append("],\"pauseMillis\":").append(r.pauseMillis()).append(",\"truncated\":").append(r.truncated())
                .append(",\"totalClusters\":").append(r.totalClusters()).append('}').toString();
    }

    private static void cluster(StringBuilder b, BlockedCluster c) {
        b.append("{\"lock\":");
        lock(b, c.lock());
        b.append(",\"owner\":");
        summary(b, c.owner());
        b.append(",\"waiters\":");
        if (c.waiters() == null) {
            b.append("null");
        } else {
            b.append('[');
            for (int i = 0; i < c.waiters().size(); i++) {
                Waiter w = c.waiters().get(i);
                b.append(i > 0 ? ",{\"name\":" : "{\"name\":");
                string(b, w.name());
                b.append(",\"id\":").append(w.id()).append(",\"state\":");
                string(b, w.state());
                b.append(",\"frame\":");
                string(b, w.frame());
                b.append('}');
            }
            b.append(']');
        }
        b.append(",\"map\":");
        MapBin m = c.map();
        if (m == null) {
            b.append("null");
        } else {
            b.append("{\"id\":").append(m.id()).append(",\"class\":");
            string(b, m.className());
            b.append(",\"path\":");
            string(b, m.path());
            b.append(",\"bin\":").append(m.bin()).append('}');
        }
        b.append(",\"mapEntry\":");
        MapEntryRef e = c.mapEntry();
        if (e == null) {
            b.append("null");
        } else {
            b.append("{\"map\":");
            MapRef ref = e.map();
            if (ref == null) {
                b.append("null");
            } else {
                b.append("{\"id\":").append(ref.id()).append(",\"class\":");
                string(b, ref.className());
                b.append(",\"path\":");
                string(b, ref.path());
                b.append('}');
            }
            b.append(",\"key\":");
            string(b, e.key());
            b.append('}');
        }
        b.append(",\"readHolders\":");
        if (c.readHolders() == null) {
            b.append("null");
        } else {
            b.append('[');
            for (int i = 0; i < c.readHolders().size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                summary(b, c.readHolders().get(i));
            }
            b.append(']');
        }
        b.append('}');
    }

    private static void lock(StringBuilder b, LockRef l) {
        if (l == null) {
            b.append("null");
            return;
        }
        b.append("{\"kind\":");
        string(b, l.kind());
        b.append(",\"class\":");
        string(b, l.className());
        b.append(",\"id\":").append(l.id()).append(",\"detail\":");
        string(b, l.detail());
        b.append('}');
    }

    private static void summary(StringBuilder b, ThreadSummary t) {
        if (t == null) {
            b.append("null");
            return;
        }
        b.append("{\"name\":");
        string(b, t.name());
        b.append(",\"id\":").append(t.id()).append(",\"state\":");
        string(b, t.state());
        b.append(",\"frames\":");
        if (t.frames() == null) {
            b.append("null");
        } else {
            b.append('[');
            for (int i = 0; i < t.frames().size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                string(b, t.frames().get(i));
            }
            b.append(']');
        }
        b.append('}');
    }

    /** A JSON string as Jackson escapes it: quote, backslash and control characters; the rest as is. */
    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        b.append(s, from, s.length()).append('"');
    }
}
