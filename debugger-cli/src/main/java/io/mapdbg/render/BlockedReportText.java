package io.mapdbg.render;

import io.mapdbg.model.BlockedCluster;
import io.mapdbg.model.BlockedReport;
import io.mapdbg.model.Deadlock;
import io.mapdbg.model.LockRef;
import io.mapdbg.model.MapBin;
import io.mapdbg.model.ThreadSummary;
import io.mapdbg.model.Waiter;

/** {@code threads --blocked}: deadlocks first, then one block per lock, largest cluster first. */
final class BlockedReportText {
    /** Waiters listed per cluster; the rest are counted. */
    static final int WAITERS_SHOWN = 10;

    private BlockedReportText() {
    }

    static String render(BlockedReport r) {
        StringBuilder out = new StringBuilder();
        int waiting = r.clusters().stream().mapToInt(c -> c.waiters().size()).sum();
        if (r.truncated()) { // the waiters of the clusters left out are not counted: say what is shown
            out.append(String.format("%,d threads, the %,d largest of %,d locks threads wait on (--top), %d deadlock%s"
                            + " (target paused %d ms)%n", r.threads(), r.clusters().size(), r.totalClusters(),
                    r.deadlocks().size(), r.deadlocks().size() == 1 ? "" : "s", r.pauseMillis()));
        } else {
            out.append(String.format("%,d threads, %,d waiting on %,d locks, %d deadlock%s (target paused %d ms)%n",
                    r.threads(), waiting, r.clusters().size(), r.deadlocks().size(), r.deadlocks().size() == 1 ? "" : "s",
                    r.pauseMillis()));
        }
        for (Deadlock d : r.deadlocks()) {
            out.append(String.format("%nDEADLOCK (%d threads):%n", d.cycle().size()));
            for (Deadlock.Step s : d.cycle()) {
                out.append(String.format("  %s (#%d) waits for %s%n      at %s%n", s.thread().name(), s.thread().id(),
                        lock(s.waitsFor()), s.frame()));
            }
        }
        for (BlockedCluster c : r.clusters()) {
            out.append(String.format("%n%d waiting on %s%s%n", c.waiters().size(), lock(c.lock()), mapNamed(c)));
            if (c.lock().detail() != null) {
                out.append("  ").append(c.lock().detail()).append('\n');
            }
            MapBin m = c.map();
            if (m != null) {
                out.append(String.format("  map @%d %s%s, %s%n", m.id(), m.className(),
                        m.path() == null ? "" : " " + m.path(), m.bin() < 0 ? "whole map" : "bin " + m.bin()));
            }
            if (c.mapEntry() != null) {
                var entryMap = c.mapEntry().map();
                String where = entryMap.path() != null ? entryMap.path() : entryMap.className() + "@" + entryMap.id();
                out.append(String.format("  a value of the map: %s[\"%s\"]  (@%d %s)%n", where, c.mapEntry().key(), entryMap.id(),
                        entryMap.className()));
            }
            ThreadSummary o = c.owner();
            for (ThreadSummary h : c.readHolders()) {
                out.append(String.format("  read held by: %s (#%d) %s%n", h.name(), h.id(), h.state()));
                for (String f : h.frames()) {
                    out.append("      at ").append(f).append('\n');
                }
            }
            if (o == null && !c.readHolders().isEmpty()) {
                out.append("  owner: no writer holds it\n");
            } else if (o == null) {
                out.append("  owner: none visible\n");
            } else {
                out.append(String.format("  owner: %s (#%d) %s%n", o.name(), o.id(), o.state()));
                for (String f : o.frames()) {
                    out.append("      at ").append(f).append('\n');
                }
            }
            out.append("  waiters:\n");
            int shown = 0;
            for (Waiter w : c.waiters()) {
                if (shown++ == WAITERS_SHOWN) {
                    out.append(String.format("    ... and %d more%n", c.waiters().size() - WAITERS_SHOWN));
                    break;
                }
                out.append(String.format("    %s (#%d) %s at %s%n", w.name(), w.id(), w.state(), w.frame()));
            }
        }
        if (r.clusters().isEmpty()) {
            out.append("no thread waits on a lock\n");
        }
        if (r.truncated()) {
            out.append(String.format("%n... %,d more locks with waiters not shown (--top %d; --top 0 for all)%n",
                    r.totalClusters() - r.clusters().size(), r.clusters().size()));
        }
        return out.toString().stripTrailing();
    }

    /**
     * A monitor that is a map (or the mutex of a synchronizedMap) is named by the map's static path: the lock line
     * then says which map the threads pile up on, not only its class.
     */
    private static String mapNamed(BlockedCluster c) {
        MapBin m = c.map();
        if (m == null || m.path() == null || m.bin() >= 0 || c.lock() == null) {
            return "";
        }
        return m.id() == c.lock().id() ? " (" + m.path() + ")" : " (the lock of " + m.path() + ")";
    }

    private static String lock(LockRef l) {
        return String.format("%s %s @%d", l.kind(), l.className(), l.id());
    }
}
