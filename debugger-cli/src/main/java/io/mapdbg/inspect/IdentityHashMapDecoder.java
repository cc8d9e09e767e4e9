package io.mapdbg.inspect;

import io.mapdbg.inspect.LayoutTally.Bin;
import io.mapdbg.inspect.LayoutTally.KeyMark;
import io.mapdbg.inspect.LayoutTally.Sample;
import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java.util.IdentityHashMap}: open addressing over {@code Object[]} of key,value pairs. Each slot is a bin of
 * length 0 or 1; what collides shows as runs of occupied slots (linear probing), so the longest run is reported.
 * The identity hash cannot be read from outside, so there is no wrong-bin check and shown hashes are 0.
 */
final class IdentityHashMapDecoder implements LayoutDecoder {

    static final String MAP = "java.util.IdentityHashMap";

    @Override
    public String layout() {
        return "IdentityHashMap";
    }

    /** The longest run of occupied slots so far, and the run being read. */
    private static final class Runs {
        int start = -1;
        int length;
        List<Sample> samples = new ArrayList<>();
        int firstRunLength;
        List<Sample> firstRunSamples = List.of();
        int bestStart = -1;
        int bestLength;
        List<Sample> bestSamples = List.of();

        void occupied(int slot, Sample sample, int preview) {
            if (length == 0) {
                start = slot;
                samples = new ArrayList<>();
            }
            length++;
            if (samples.size() < preview) {
                samples.add(sample);
            }
        }

        void end(int preview) {
            if (length == 0) {
                return;
            }
            if (start == 0) {
                firstRunLength = length;
                firstRunSamples = samples;
            }
            offer(start, length, samples, preview);
            length = 0;
        }

        void offer(int runStart, int runLength, List<Sample> runSamples, int preview) {
            if (runLength > bestLength || runLength == bestLength && runStart < bestStart) {
                bestStart = runStart;
                bestLength = runLength;
                bestSamples = runSamples.size() > preview ? runSamples.subList(0, preview) : runSamples;
            }
        }
    }

    @Override
    public BucketLayout decode(HeapObject map, MapRef ref, String wrapper, WalkOptions options, WalkProgress progress) {
        // NULL_KEY is static: read along with the instance fields so the null key previews as null
        Map<String, Object> fields = map.read(MAP, "table", "size", "modCount", "NULL_KEY");
        HeapObject table = NodeChain.object(fields.get("table"));
        HeapObject nullKey = fields.get("NULL_KEY") instanceof HeapObject key ? key : null;
        long size = NodeChain.number(fields, "size");
        int length = TableChunks.length(table);
        int capacity = length / 2;
        // the table read is the whole map here (no chains), so a bound on entries would save no request
        WalkOptions unbounded = new WalkOptions(0, options.longestChains(), options.chainPreview(),
                options.previewChars(), options.binsFrom(), options.binsTo());
        LayoutTally tally = new LayoutTally(unbounded, capacity);
        int preview = tally.chainPreview();
        Runs runs = new Runs();
        if (table != null) {
            // chunks are even-sized and start even, so a key and its value arrive together
            TableChunks.forEach(table, length, (from, elements) -> {
                for (int i = 0; i + 1 < elements.size(); i += 2) {
                    int slot = (from + i) / 2;
                    Object key = elements.get(i);
                    if (key == null) {
                        runs.end(preview);
                        tally.empty(slot);
                        continue;
                    }
                    Object shownKey = nullKey != null && key instanceof HeapObject k && k.id() == nullKey.id()
                            ? KeyMark.NULL : key;
                    // identity hashes are not readable from outside the target
                    Sample sample = new Sample(shownKey, elements.get(i + 1), 0);
                    runs.occupied(slot, sample, preview);
                    tally.bin(new Bin(slot, 1, "slot", List.of(sample)));
                }
                tally.progress(progress, (from + elements.size()) / 2);
            });
        }
        boolean wraps = runs.length > 0 && runs.firstRunLength > 0 && runs.start > 0;
        if (wraps) {
            // probing wraps around: the run at the end of the table continues at slot 0
            List<Sample> joined = new ArrayList<>(runs.samples);
            joined.addAll(runs.firstRunSamples);
            runs.offer(runs.start, Math.min(capacity, runs.length + runs.firstRunLength), joined, preview);
            runs.length = 0;
        }
        runs.end(preview);
        tally.overrideLongestChains(runs.bestLength == 0 || options.longestChains() <= 0 ? List.of()
                : List.of(new Bin(runs.bestStart, runs.bestLength, "probe-run", runs.bestSamples)));
        Long modCount = NodeChain.numberOrNull(fields, "modCount");
        return tally.finish(ref, layout(), wrapper, size, null, null,
                modCount == null ? null : modCount.intValue(), null, true);
    }

    @Override
    public MapLayouts.QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Map<String, Object> fields = map.read(MAP, "size", "table");
        return MapLayouts.QuickStats.of(map, NodeChain.number(fields, "size"),
                NodeChain.object(fields.get("table")), 2, countNonEmptyBins);
    }
}
