package io.mapdbg.backend.agent;

import io.mapdbg.backend.MapReference;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.WalkOptions;
import io.mapdbg.model.BinLength;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.Chain;
import io.mapdbg.model.ChainEntry;
import io.mapdbg.model.ConcurrentState;
import io.mapdbg.model.Integrity;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.Problem;
import io.mapdbg.model.ResizeState;
import io.mapdbg.model.TreeBinLock;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * buckets through the agent: the map is walked inside the target (milliseconds for a million entries, without
 * suspending it) and comes back as one compact answer, turned here into the same BucketLayout the JDWP path
 * makes, with source "agent". The wire form is written by the agent's LayoutResult.
 */
public final class AgentBuckets {
    private final AgentClient agent;

    public AgentBuckets(AgentClient agent) {
        this.agent = agent;
    }

    /** ref: a static path, @id (an id the agent printed) or $N (a REPL result of this agent session). */
    public BucketLayout layout(MapReference ref, WalkOptions options, ValueHistory history) {
        Map<String, String> args = AgentIds.args(ref, history);
        args.put("maxEntries", Long.toString(options.maxEntries()));
        args.put("chains", Integer.toString(options.longestChains()));
        args.put("chainEntries", Integer.toString(options.chainPreview()));
        args.put("preview", Integer.toString(options.previewChars()));
        args.put("binsFrom", Integer.toString(options.binsFrom()));
        args.put("binsTo", Integer.toString(options.binsTo()));
        DataInputStream in = agent.call("buckets", args);
        try {
            return read(in);
        } catch (IOException e) {
            throw new TargetException("the agent's layout could not be read: " + e, e);
        }
    }

    static BucketLayout read(DataInputStream in) throws IOException {
        long id = in.readLong();
        String className = in.readUTF();
        String path = nullable(in);
        String wrapper = nullable(in);
        String layout = in.readUTF();
        long size = in.readLong();
        long entries = in.readLong();
        int capacity = in.readInt();
        Long threshold = in.readBoolean() ? in.readLong() : null;
        Float loadFactor = in.readBoolean() ? in.readFloat() : null;
        Integer modCount = in.readBoolean() ? in.readInt() : null;
        int nonEmptyBins = in.readInt();
        int treeBins = in.readInt();
        BinLength longest = in.readBoolean() ? new BinLength(in.readInt(), in.readInt(), in.readUTF()) : null;
        SortedMap<String, Integer> histogram = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        int rows = in.readInt();
        for (int i = 0; i < rows; i++) {
            histogram.put(Integer.toString(in.readInt()), in.readInt());
        }
        int specialBins = in.readInt();
        List<Chain> longestChains = chains(in);
        List<Chain> bins = chains(in);
        ConcurrentState concurrent = null;
        if (in.readBoolean()) {
            int forwarding = in.readInt();
            List<Integer> reserved = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                reserved.add(in.readInt());
            }
            List<TreeBinLock> locks = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                int bin = in.readInt();
                int state = in.readInt();
                long waiter = in.readLong();
                locks.add(new TreeBinLock(bin, state, (state & 1) != 0, (state & 2) != 0, state >>> 2,
                        waiter < 0 ? null : waiter));
            }
            boolean resizing = in.readBoolean();
            int nextLength = in.readInt();
            ResizeState resize = new ResizeState(resizing, nextLength < 0 ? null : nextLength, in.readInt(), in.readInt());
            long baseCount = in.readLong();
            long cells = in.readLong();
            concurrent = new ConcurrentState(forwarding, reserved.size(), List.copyOf(reserved), List.copyOf(locks),
                    resize, baseCount, cells);
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            problems.add(new Problem(in.readUTF(), in.readInt(), in.readUTF()));
        }
        boolean complete = in.readBoolean();
        boolean sampled = in.readBoolean();
        in.readLong(); // the walk's own time in the target, for benchmarks that read the wire
        return new BucketLayout(new MapRef(id, className, path), layout, size, entries, capacity, threshold, loadFactor,
                modCount, nonEmptyBins, treeBins, longest, histogram, specialBins, longestChains, bins, concurrent,
                new Integrity(problems.isEmpty(), List.copyOf(problems), complete), sampled, "agent", wrapper);
    }

    private static List<Chain> chains(DataInputStream in) throws IOException {
        List<Chain> chains = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            int index = in.readInt();
            int length = in.readInt();
            String kind = in.readUTF();
            List<ChainEntry> entries = new ArrayList<>();
            for (int j = in.readInt(); j > 0; j--) {
                entries.add(new ChainEntry(in.readUTF(), in.readUTF(), in.readInt()));
            }
            chains.add(new Chain(index, length, kind, List.copyOf(entries), in.readBoolean()));
        }
        return List.copyOf(chains);
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
