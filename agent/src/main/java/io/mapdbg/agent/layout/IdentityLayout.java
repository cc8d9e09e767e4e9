package io.mapdbg.agent.layout;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * IdentityHashMap: open addressing over key,value pairs. Each slot is a bin of length 0 or 1; collisions show as
 * runs of occupied slots, so the longest run is reported. Hashes are shown as 0, as the JDWP path shows them.
 */
final class IdentityLayout {
    static final Field TABLE = Reflect.field(IdentityHashMap.class, "table");
    static final Field SIZE = Reflect.field(IdentityHashMap.class, "size");
    static final Field MOD_COUNT = Reflect.field(IdentityHashMap.class, "modCount");
    static final Object NULL_KEY = Reflect.get(Reflect.field(IdentityHashMap.class, "NULL_KEY"), null);

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

    static LayoutResult walk(Object map, Options options) {
        Object[] table = (Object[]) Reflect.get(TABLE, map);
        long size = Reflect.getInt(SIZE, map);
        int length = table == null ? 0 : table.length;
        int capacity = length / 2;
        Tally tally = new Tally(options.unbounded(), capacity);
        int preview = tally.chainPreview();
        Runs runs = new Runs();
        for (int i = 0; i + 1 < length; i += 2) {
            int slot = i / 2;
            Object key = table[i];
            if (key == null) {
                runs.end(preview);
                tally.empty(slot);
                continue;
            }
            Object shown = key == NULL_KEY ? Preview.Mark.NULL : key;
            Tally.Sample sample = new Tally.Sample(shown, table[i + 1], 0);
            runs.occupied(slot, sample, preview);
            tally.bin(new Tally.Bin(slot, 1, "slot", Collections.singletonList(sample)));
        }
        boolean wraps = runs.length > 0 && runs.firstRunLength > 0 && runs.start > 0;
        if (wraps) {
            List<Tally.Sample> joined = new ArrayList<Tally.Sample>(runs.samples);
            joined.addAll(runs.firstRunSamples);
            runs.offer(runs.start, Math.min(capacity, runs.length + runs.firstRunLength), joined, preview);
            runs.length = 0;
        }
        runs.end(preview);
        tally.overrideLongestChains(runs.bestLength == 0 || options.chains <= 0
                ? Collections.<Tally.Bin>emptyList()
                : Collections.singletonList(new Tally.Bin(runs.bestStart, runs.bestLength, "probe-run", runs.bestSamples)));
        return tally.finish("IdentityHashMap", size, null, null, Reflect.getInt(MOD_COUNT, map), null, true);
    }
}
