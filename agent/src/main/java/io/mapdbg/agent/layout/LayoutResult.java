package io.mapdbg.agent.layout;

import io.mapdbg.layouts.LayoutReport;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One map's layout as the agent sends it: everything the CLI's BucketLayout holds, previews already made.
 * The wire form ({@link #write}) is read by debugger-cli's AgentLayouts; change both together.
 */
final class LayoutResult {
    long id;
    String className;
    String path;
    String wrapper;
    String layout;
    long size;
    long entries;
    int capacity;
    Long threshold;
    Float loadFactor;
    Integer modCount;
    int nonEmptyBins;
    int treeBins;
    int[] longestBin;
    String longestKind;
    final TreeMap<Integer, Integer> histogram = new TreeMap<Integer, Integer>();
    int specialBins;
    List<Chain> longestChains;
    List<Chain> bins;
    Concurrent concurrent;
    List<String[]> problems;
    boolean complete;
    boolean sampled;
    long walkNanos;

    static final class Chain {
        int index;
        int length;
        String kind;
        final List<String[]> entries = new ArrayList<String[]>();
        boolean truncated;
    }

    static final class Concurrent {
        int forwardingNodes;
        final List<Integer> reservedBins = new ArrayList<Integer>();
        final List<long[]> treeBinLocks = new ArrayList<long[]>(); // bin, lockState, waiter thread id or -1
        boolean resizing;
        Integer nextTableLength;
        int sizeCtl;
        int transferIndex;
        long baseCount;
        long counterCellsSum;
    }

    /** A layout walked by the shared rules, in this wire's terms (the map's id, class and path are set after). */
    static LayoutResult of(LayoutReport report) {
        LayoutResult r = new LayoutResult();
        r.layout = report.layout;
        r.size = report.size;
        r.entries = report.entries;
        r.capacity = report.capacity;
        r.threshold = report.threshold;
        r.loadFactor = report.loadFactor;
        r.modCount = report.modCount;
        r.nonEmptyBins = report.nonEmptyBins;
        r.treeBins = report.treeBins;
        if (report.longestBin != null) {
            r.longestBin = new int[] {report.longestBin.index, report.longestBin.length};
            r.longestKind = report.longestBin.kind;
        }
        r.histogram.putAll(report.histogram);
        r.specialBins = report.specialBins;
        r.longestChains = chains(report.longestChains);
        r.bins = chains(report.bins);
        if (report.concurrent != null) {
            LayoutReport.Concurrent from = report.concurrent;
            Concurrent c = new Concurrent();
            c.forwardingNodes = from.forwardingNodes;
            c.reservedBins.addAll(from.reservedBins);
            for (LayoutReport.TreeBinLock lock : from.treeBinLocks) {
                c.treeBinLocks.add(new long[] {lock.bin, lock.lockState,
                    lock.waiterThreadId == null ? -1 : lock.waiterThreadId});
            }
            c.resizing = from.resizing;
            c.nextTableLength = from.nextTableLength;
            c.sizeCtl = from.sizeCtl;
            c.transferIndex = from.transferIndex;
            c.baseCount = from.baseCount;
            c.counterCellsSum = from.counterCellsSum;
            r.concurrent = c;
        }
        r.problems = new ArrayList<String[]>();
        for (LayoutReport.Problem p : report.problems) {
            r.problems.add(new String[] {p.kind, Integer.toString(p.bin), p.message});
        }
        r.complete = report.complete;
        r.sampled = report.sampled;
        return r;
    }

    private static List<Chain> chains(List<LayoutReport.Chain> from) {
        List<Chain> chains = new ArrayList<Chain>(from.size());
        for (LayoutReport.Chain f : from) {
            Chain c = new Chain();
            c.index = f.index;
            c.length = f.length;
            c.kind = f.kind;
            for (LayoutReport.Entry e : f.entries) {
                c.entries.add(new String[] {e.key, e.value, Integer.toString(e.hash)});
            }
            c.truncated = f.truncated;
            chains.add(c);
        }
        return chains;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(id);
        out.writeUTF(className);
        writeNullable(out, path);
        writeNullable(out, wrapper);
        out.writeUTF(layout);
        out.writeLong(size);
        out.writeLong(entries);
        out.writeInt(capacity);
        out.writeBoolean(threshold != null);
        if (threshold != null) {
            out.writeLong(threshold);
        }
        out.writeBoolean(loadFactor != null);
        if (loadFactor != null) {
            out.writeFloat(loadFactor);
        }
        out.writeBoolean(modCount != null);
        if (modCount != null) {
            out.writeInt(modCount);
        }
        out.writeInt(nonEmptyBins);
        out.writeInt(treeBins);
        out.writeBoolean(longestBin != null);
        if (longestBin != null) {
            out.writeInt(longestBin[0]);
            out.writeInt(longestBin[1]);
            out.writeUTF(longestKind);
        }
        out.writeInt(histogram.size());
        for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue());
        }
        out.writeInt(specialBins);
        writeChains(out, longestChains);
        writeChains(out, bins);
        out.writeBoolean(concurrent != null);
        if (concurrent != null) {
            Concurrent c = concurrent;
            out.writeInt(c.forwardingNodes);
            out.writeInt(c.reservedBins.size());
            for (int bin : c.reservedBins) {
                out.writeInt(bin);
            }
            out.writeInt(c.treeBinLocks.size());
            for (long[] lock : c.treeBinLocks) {
                out.writeInt((int) lock[0]);
                out.writeInt((int) lock[1]);
                out.writeLong(lock[2]);
            }
            out.writeBoolean(c.resizing);
            out.writeInt(c.nextTableLength == null ? -1 : c.nextTableLength);
            out.writeInt(c.sizeCtl);
            out.writeInt(c.transferIndex);
            out.writeLong(c.baseCount);
            out.writeLong(c.counterCellsSum);
        }
        out.writeInt(problems.size());
        for (String[] p : problems) {
            out.writeUTF(p[0]);
            out.writeInt(Integer.parseInt(p[1]));
            out.writeUTF(bounded(p[2]));
        }
        out.writeBoolean(complete);
        out.writeBoolean(sampled);
        out.writeLong(walkNanos);
    }

    private static void writeChains(DataOutputStream out, List<Chain> chains) throws IOException {
        out.writeInt(chains.size());
        for (Chain c : chains) {
            out.writeInt(c.index);
            out.writeInt(c.length);
            out.writeUTF(c.kind);
            out.writeInt(c.entries.size());
            for (String[] e : c.entries) {
                out.writeUTF(bounded(e[0]));
                out.writeUTF(bounded(e[1]));
                out.writeInt(Integer.parseInt(e[2]));
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
