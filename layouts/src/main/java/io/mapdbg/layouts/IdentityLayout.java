package io.mapdbg.layouts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code java.util.IdentityHashMap}: open addressing over an Object[] of key,value pairs. Each slot is a bin of
 * length 0 or 1; what collides shows as runs of occupied slots (linear probing), so the longest run is reported.
 * The identity hash cannot be read from outside the target, so there is no wrong-bin check and hashes show as 0
 * on every path.
 */
public final class IdentityLayout {
    public static final String MAP = "java.util.IdentityHashMap";

    private IdentityLayout() {
    }

    /** The longest run of occupied slots so far, and the run being read. */
    private static final class Runs {
        int start = -1;
        int length;
        List<Tally.Sample> samples = new ArrayList<Tally.Sample>();
        int firstRunLength;
        List<Tally.Sample> firstRunSamples = Collections.emptyList();
        int bestStart = -1;
        int bestLength;
        List<Tally.Sample> bestSamples = Collections.emptyList();

        void occupied(int slot, Tally.Sample sample, int preview) {
            if (length == 0) {
                start = slot;
                samples = new ArrayList<Tally.Sample>();
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

        void offer(int runStart, int runLength, List<Tally.Sample> runSamples, int preview) {
            if (runLength > bestLength || runLength == bestLength && runStart < bestStart) {
                bestStart = runStart;
                bestLength = runLength;
                bestSamples = runSamples.size() > preview ? runSamples.subList(0, preview) : runSamples;
            }
        }
    }

    public static <O> LayoutReport walk(Heap<O> heap, O map, WalkBounds bounds, Progress progress) {
        // NULL_KEY is static: read along with the instance fields so the null key previews as null
        Fields<O> m = heap.fields(MAP, "table", "size", "modCount", "NULL_KEY");
        m.at(map);
        O table = m.ref(0);
        long size = m.longValue(1);
        O nullKey = m.ref(3);
        int length = table == null ? 0 : heap.length(table);
        int capacity = length / 2;
        // the table read is the whole map here (no chains), so a bound on entries would save no read
        WalkBounds unbounded = new WalkBounds(0, bounds.longestChains, bounds.chainEntries, bounds.previewChars,
                bounds.binsFrom, bounds.binsTo);
        Tally<O> tally = new Tally<O>(heap, unbounded, capacity);
        int preview = tally.chainPreview();
        Runs runs = new Runs();
        // chunks are even-sized and start even, so a key and its value arrive together
        TableChunks<O> elements = new TableChunks<O>(heap, table, length);
        while (elements.next()) {
            for (int i = 0; i + 1 < elements.count; i += 2) {
                int slot = (elements.from + i) / 2;
                O key = elements.take(i);
                O value = elements.take(i + 1);
                if (key == null) {
                    runs.end(preview);
                    tally.empty(slot);
                    continue;
                }
                Object shownKey = nullKey != null && heap.same(key, nullKey) ? KeyMark.NULL : key;
                Tally.Sample sample = new Tally.Sample(shownKey, value, 0);
                runs.occupied(slot, sample, preview);
                tally.bin(new Tally.Bin(slot, 1, "slot", Collections.singletonList(sample)));
            }
            tally.progress(progress == null ? Progress.NONE : progress, (elements.from + elements.count) / 2);
        }
        boolean wraps = runs.length > 0 && runs.firstRunLength > 0 && runs.start > 0;
        if (wraps) {
            // probing wraps around: the run at the end of the table continues at slot 0
            List<Tally.Sample> joined = new ArrayList<Tally.Sample>(runs.samples);
            joined.addAll(runs.firstRunSamples);
            runs.offer(runs.start, Math.min(capacity, runs.length + runs.firstRunLength), joined, preview);
            runs.length = 0;
        }
        runs.end(preview);
        tally.overrideLongestChains(runs.bestLength == 0 || bounds.longestChains <= 0
                ? Collections.<Tally.Bin>emptyList()
                : Collections.singletonList(new Tally.Bin(runs.bestStart, runs.bestLength, "probe-run", runs.bestSamples)));
        return tally.finish("IdentityHashMap", size, null, null, ChainedLayouts.intOrNull(m.value(2)), null, true);
    }
}
