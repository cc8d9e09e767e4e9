package io.mapdbg.render;

import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import io.mapdbg.model.ChainEntry;
import io.mapdbg.model.ConcurrentState;
import io.mapdbg.model.Problem;
import io.mapdbg.model.TreeBinLock;

import java.util.Map;

/** The text view of buckets: header, counts, histogram as a bar chart, longest chains, CHM state, integrity. */
final class BucketLayoutText {
    private static final int BAR = 40;
    private final Handles handles;

    BucketLayoutText(Handles handles) {
        this.handles = handles;
    }

    String render(BucketLayout l) {
        StringBuilder out = new StringBuilder();
        out.append(TextRenderer.handle(handles, l.map().id())).append('@').append(l.map().id()).append(' ')
                .append(l.map().className());
        if (l.wrapper() != null) {
            out.append(" (inside ").append(l.wrapper()).append(')');
        }
        if (l.map().path() != null) {
            out.append("  ").append(l.map().path());
        }
        if (l.source() != null) {
            out.append("  [via ").append(l.source()).append(']');
        }
        out.append('\n');
        out.append(String.format("  size %,d   entries walked %,d   capacity %,d   threshold %s   load factor %s   modCount %s%n",
                l.size(), l.entries(), l.capacity(), orDash(l.threshold()), orDash(l.loadFactor()), orDash(l.modCount())));
        out.append(String.format("  non-empty bins %,d   tree bins %,d   special bins %,d", l.nonEmptyBins(), l.treeBins(), l.specialBins()));
        if (l.capacity() > 0) {
            out.append(String.format("   fill %.1f%%", 100.0 * l.nonEmptyBins() / l.capacity()));
        }
        out.append('\n');
        if (l.longestBin() != null && l.longestBin().length() > 0) {
            out.append(String.format("  longest bin #%d: %d entries (%s)%n", l.longestBin().index(), l.longestBin().length(), l.longestBin().kind()));
        }
        if (l.sampled()) {
            out.append("  (walk bounded by --max-entries: capacity and non-empty bins are exact, the rest is sampled)\n");
        }
        histogram(out, l.histogram());
        chains(out, "longest chains", l.longestChains());
        chains(out, "bins", l.bins());
        if (l.concurrent() != null) {
            concurrent(out, l.concurrent());
        }
        integrity(out, l);
        return out.toString().stripTrailing();
    }

    private static void histogram(StringBuilder out, Map<String, Integer> histogram) {
        if (histogram == null || histogram.isEmpty()) {
            return;
        }
        int max = histogram.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        out.append("  bin length │ bins\n");
        histogram.forEach((length, count) -> {
            int width = count == 0 ? 0 : Math.max(1, (int) Math.round((double) count * BAR / max));
            out.append(String.format("  %10s │%s %,d%n", length, "█".repeat(width), count));
        });
    }

    private static void chains(StringBuilder out, String title, java.util.List<Chain> chains) {
        if (chains == null || chains.isEmpty()) {
            return;
        }
        out.append("  ").append(title).append(":\n");
        for (Chain c : chains) {
            out.append(String.format("    #%-7d %-11s %,d entries%n", c.index(), c.kind(), c.length()));
            for (ChainEntry e : c.entries()) {
                out.append(String.format("      hash %08x  %s", e.hash(), e.key()));
                if (e.value() != null) {
                    out.append(" = ").append(e.value());
                }
                out.append('\n');
            }
            if (c.truncated()) {
                out.append(String.format("      … %,d more%n", c.length() - c.entries().size()));
            }
        }
    }

    private static void concurrent(StringBuilder out, ConcurrentState c) {
        out.append(String.format("  ConcurrentHashMap: baseCount %,d + counter cells %,d; forwarding nodes %,d; reservation nodes %,d%s%n",
                c.baseCount(), c.counterCellsSum(), c.forwardingNodes(), c.reservationNodes(),
                c.reservedBins() == null || c.reservedBins().isEmpty() ? "" : " (bins " + c.reservedBins() + ", held by a running compute/computeIfAbsent)"));
        if (c.resize() != null) {
            if (c.resize().resizing()) {
                out.append(String.format("  RESIZING: nextTable length %,d, sizeCtl %d, transferIndex %d%n",
                        c.resize().nextTableLength(), c.resize().sizeCtl(), c.resize().transferIndex()));
            } else {
                out.append(String.format("  not resizing (sizeCtl %d)%n", c.resize().sizeCtl()));
            }
        }
        if (c.treeBinLocks() != null) {
            for (TreeBinLock lock : c.treeBinLocks()) {
                out.append(String.format("  TreeBin #%d lockState %d%s%s%s%s%n", lock.bin(), lock.lockState(),
                        lock.writer() ? " writer" : "", lock.waiter() ? " waiter" : "",
                        lock.readers() > 0 ? " readers=" + lock.readers() : "",
                        lock.waiterThreadId() != null ? " (waiting thread tid " + lock.waiterThreadId() + ")" : ""));
            }
        }
    }

    private static void integrity(StringBuilder out, BucketLayout l) {
        if (l.integrity() == null) {
            return;
        }
        if (l.integrity().ok()) {
            out.append(l.integrity().complete() ? "  integrity: ok\n" : "  integrity: ok in the part walked\n");
            return;
        }
        out.append(String.format("  integrity: %d problem%s%n", l.integrity().problems().size(),
                l.integrity().problems().size() == 1 ? "" : "s"));
        for (Problem p : l.integrity().problems()) {
            out.append("    ").append(p.kind());
            if (p.bin() >= 0) {
                out.append(" in bin #").append(p.bin());
            }
            out.append(": ").append(p.message()).append('\n');
        }
    }

    private static String orDash(Object value) {
        return value == null ? "-" : String.valueOf(value);
    }
}
