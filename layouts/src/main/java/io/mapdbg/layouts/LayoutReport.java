package io.mapdbg.layouts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One map's layout as a walk found it, previews made: what the CLI turns into its BucketLayout record and the
 * agent writes on its wire. Which map it is (id, class, path, wrapper) is the caller's to add.
 */
public final class LayoutReport {
    /** The layout family: HashMap, ConcurrentHashMap, Hashtable, WeakHashMap, IdentityHashMap. */
    public String layout;
    public long size;
    public long entries;
    public int capacity;
    public Long threshold;
    public Float loadFactor;
    public Integer modCount;
    public int nonEmptyBins;
    public int treeBins;
    /** Null when no entry was walked. */
    public BinLength longestBin;
    /** Bin length to the number of bins of that length; empty without a table. */
    public final SortedMap<Integer, Integer> histogram = new TreeMap<Integer, Integer>();
    public int specialBins;
    public List<Chain> longestChains = Collections.emptyList();
    public List<Chain> bins = Collections.emptyList();
    /** ConcurrentHashMap only. */
    public Concurrent concurrent;
    public List<Problem> problems = Collections.emptyList();
    /** Whether the walk saw the whole map (not sampled, no chain cut short). */
    public boolean complete;
    /** Whether maxEntries bounded the walk. */
    public boolean sampled;

    /** The longest bin: its index, length and kind (chain, tree). */
    public static final class BinLength {
        public final int index;
        public final int length;
        public final String kind;

        public BinLength(int index, int length, String kind) {
            this.index = index;
            this.length = length;
            this.kind = kind;
        }
    }

    /** One bin shown: its first entries, previewed; truncated when it holds more than shown. */
    public static final class Chain {
        public final int index;
        public final int length;
        public final String kind;
        public final List<Entry> entries;
        public final boolean truncated;

        public Chain(int index, int length, String kind, List<Entry> entries, boolean truncated) {
            this.index = index;
            this.length = length;
            this.kind = kind;
            this.entries = entries;
            this.truncated = truncated;
        }
    }

    /** One entry of a shown bin: key and value previews and the hash as stored. */
    public static final class Entry {
        public final String key;
        public final String value;
        public final int hash;

        public Entry(String key, String value, int hash) {
            this.key = key;
            this.value = value;
            this.hash = hash;
        }
    }

    /** A fault found on the way: kind (cycle, wrong-bin, size-mismatch, tree-links, unreadable, walk-limit), bin or -1. */
    public static final class Problem {
        public final String kind;
        public final int bin;
        public final String message;

        public Problem(String kind, int bin, String message) {
            this.kind = kind;
            this.bin = bin;
            this.message = message;
        }
    }

    /** A ConcurrentHashMap's own state: special nodes, TreeBin locks, resize. */
    public static final class Concurrent {
        public int forwardingNodes;
        public final List<Integer> reservedBins = new ArrayList<Integer>();
        public final List<TreeBinLock> treeBinLocks = new ArrayList<TreeBinLock>();
        public boolean resizing;
        public Integer nextTableLength;
        public int sizeCtl;
        public int transferIndex;
        public long baseCount;
        public long counterCellsSum;
    }

    /** A TreeBin's lockState and the thread id of its waiter (null when none). */
    public static final class TreeBinLock {
        public final int bin;
        public final int lockState;
        public final Long waiterThreadId;

        public TreeBinLock(int bin, int lockState, Long waiterThreadId) {
            this.bin = bin;
            this.lockState = lockState;
            this.waiterThreadId = waiterThreadId;
        }
    }
}
