package io.mapdbg.agent.layout;

import io.mapdbg.layouts.LayoutReport;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One map's layout as the agent sends it: the shared rules' report, previews made, with which map it is. The wire
 * form ({@link #write}) is read by debugger-cli's AgentBucketsService; change both together.
 */
final class LayoutResult {
    final LayoutReport report;
    long id;
    String className;
    String path;
    String wrapper;
    long walkNanos;

    LayoutResult(LayoutReport report) {
        this.report = report;
    }

    void write(DataOutputStream out) throws IOException {
        LayoutReport r = report;
        out.writeLong(id);
        out.writeUTF(className);
        writeNullable(out, path);
        writeNullable(out, wrapper);
        out.writeUTF(r.layout);
        out.writeLong(r.size);
        out.writeLong(r.entries);
        out.writeInt(r.capacity);
        out.writeBoolean(r.threshold != null);
        if (r.threshold != null) {
            out.writeLong(r.threshold);
        }
        out.writeBoolean(r.loadFactor != null);
        if (r.loadFactor != null) {
            out.writeFloat(r.loadFactor);
        }
        out.writeBoolean(r.modCount != null);
        if (r.modCount != null) {
            out.writeInt(r.modCount);
        }
        out.writeInt(r.nonEmptyBins);
        out.writeInt(r.treeBins);
        out.writeBoolean(r.longestBin != null);
        if (r.longestBin != null) {
            out.writeInt(r.longestBin.index);
            out.writeInt(r.longestBin.length);
            out.writeUTF(r.longestBin.kind);
        }
        out.writeInt(r.histogram.size());
        for (Map.Entry<Integer, Integer> e : r.histogram.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue());
        }
        out.writeInt(r.specialBins);
        writeChains(out, r.longestChains);
        writeChains(out, r.bins);
        out.writeBoolean(r.concurrent != null);
        if (r.concurrent != null) {
            LayoutReport.Concurrent c = r.concurrent;
            out.writeInt(c.forwardingNodes);
            out.writeInt(c.reservedBins.size());
            for (int bin : c.reservedBins) {
                out.writeInt(bin);
            }
            out.writeInt(c.treeBinLocks.size());
            for (LayoutReport.TreeBinLock lock : c.treeBinLocks) {
                out.writeInt(lock.bin);
                out.writeInt(lock.lockState);
                out.writeLong(lock.waiterThreadId == null ? -1 : lock.waiterThreadId);
            }
            out.writeBoolean(c.resizing);
            out.writeInt(c.nextTableLength == null ? -1 : c.nextTableLength);
            out.writeInt(c.sizeCtl);
            out.writeInt(c.transferIndex);
            out.writeLong(c.baseCount);
            out.writeLong(c.counterCellsSum);
        }
        out.writeInt(r.problems.size());
        for (LayoutReport.Problem p : r.problems) {
            out.writeUTF(p.kind);
            out.writeInt(p.bin);
            out.writeUTF(bounded(p.message));
        }
        out.writeBoolean(r.complete);
        out.writeBoolean(r.sampled);
        out.writeLong(walkNanos);
    }

    private static void writeChains(DataOutputStream out, List<LayoutReport.Chain> chains) throws IOException {
        out.writeInt(chains.size());
        for (LayoutReport.Chain c : chains) {
            out.writeInt(c.index);
            out.writeInt(c.length);
            out.writeUTF(c.kind);
            out.writeInt(c.entries.size());
            for (LayoutReport.Entry e : c.entries) {
                out.writeUTF(bounded(e.key));
                out.writeUTF(bounded(e.value));
                out.writeInt(e.hash);
            }
            out.writeBoolean(c.truncated);
        }
    }

    static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(bounded(s));
        }
    }

    /** writeUTF takes at most 65,535 bytes; previews are far shorter, a message of a corrupt map might not be. */
    static String bounded(String s) {
        return s.length() > 16_000 ? s.substring(0, 16_000) + "\u2026" : s;
    }
}
