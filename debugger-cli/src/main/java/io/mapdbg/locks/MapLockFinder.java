package io.mapdbg.locks;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.Value;
import io.mapdbg.layouts.LockWords;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The map a lock belongs to. A Hashtable or a {@code Collections.synchronizedMap} wrapper locks itself (bin -1);
 * a wrapper with its own mutex is found from the waiter's frame. A ConcurrentHashMap bin head ({@code Node},
 * {@code ReservationNode}, {@code TreeBin}) is looked for in the table (and nextTable) of the map the waiter
 * runs in (its frame's {@code this}), else of every ConcurrentHashMap in the heap: a Node's bin follows from its
 * hash; a ReservationNode's (hash -3) or TreeBin's (-2) by scanning the table in chunks, bounded by
 * {@link #SCAN_SLOTS} per report.
 */
public final class MapLockFinder {
    public static final String CHM = "java.util.concurrent.ConcurrentHashMap";
    public static final int SCAN_SLOTS = 4_000_000;
    private static final int CHUNK = 16_384; // never more than 65,536 elements in one read (ARCHITECTURE.md)

    /** The map and bin (-1: the whole map); note says more (the inner map of a wrapper), or null. */
    public record Found(ObjectReference map, int bin, String note) {
    }

    private final LockResolver classes;
    private final Supplier<List<ObjectReference>> allChms;
    private List<ObjectReference> chms;
    private long scanned;
    private boolean scanBoundHit;

    /** allChms lists every ConcurrentHashMap (and subclass) instance; asked at most once. */
    public MapLockFinder(LockResolver classes, Supplier<List<ObjectReference>> allChms) {
        this.classes = classes;
        this.allChms = allChms;
    }

    /** True when a scan stopped at the bound: a lock may then belong to a map not found. */
    public boolean scanBoundHit() {
        return scanBoundHit;
    }

    public Found find(ObjectReference lock, ObjectReference frameThis) {
        List<String> lockClasses = classes.hierarchy(lock.referenceType());
        String cls = lockClasses.get(0);
        if (lockClasses.contains("java.util.Hashtable")) {
            return new Found(lock, -1, null);
        }
        if (cls.startsWith("java.util.Collections$Synchronized") && cls.endsWith("Map")) {
            return new Found(lock, -1, inner(lock));
        }
        if (lockClasses.contains("java.util.AbstractMap") || lockClasses.contains("java.util.Dictionary")) {
            // application code that does synchronized (MAP): the monitor is the map itself
            return new Found(lock, -1, LockWords.MONITOR_NOTE);
        }
        if (frameThis != null) {
            String thisClass = frameThis.referenceType().name();
            if (thisClass.startsWith("java.util.Collections$Synchronized")
                    && lock.equals(value(frameThis, "mutex"))) {
                return new Found(frameThis, -1, inner(frameThis));
            }
        }
        if (!LockWords.mayBeConcurrentBin(cls)) {
            return null;
        }
        int hash = cls.equals(CHM + "$Node") ? intValue(lock, "hash") : -1;
        if (frameThis != null && classes.hierarchy(frameThis.referenceType()).contains(CHM)) {
            int bin = binOf(frameThis, lock, hash);
            if (bin >= 0) {
                return new Found(frameThis, bin, null);
            }
        }
        if (chms == null) {
            chms = allChms.get();
        }
        for (ObjectReference map : chms) {
            if (map.equals(frameThis)) {
                continue;
            }
            int bin = hash >= 0 ? binOf(map, lock, hash) : -1;
            if (bin >= 0) {
                return new Found(map, bin, null);
            }
        }
        if (hash < 0) { // no hash to aim with: scan the tables, bounded
            for (ObjectReference map : chms) {
                if (map.equals(frameThis)) {
                    continue;
                }
                int bin = binOf(map, lock, -1);
                if (bin >= 0) {
                    return new Found(map, bin, null);
                }
                if (scanBoundHit) {
                    break;
                }
            }
        }
        return null;
    }

    /** The bin of map's table (or nextTable) whose head is lock, or -1. */
    private int binOf(ObjectReference map, ObjectReference lock, int hash) {
        for (String tableField : List.of("table", "nextTable")) {
            if (!(value(map, tableField) instanceof ArrayReference table)) {
                continue;
            }
            int n = table.length();
            if (n == 0) {
                continue;
            }
            if (hash >= 0) {
                int bin = (n - 1) & hash;
                if (lock.equals(table.getValue(bin))) {
                    return bin;
                }
                continue;
            }
            for (int from = 0; from < n; from += CHUNK) {
                int count = Math.min(CHUNK, n - from);
                if (scanned + count > SCAN_SLOTS) {
                    scanBoundHit = true;
                    return -1;
                }
                scanned += count;
                List<Value> slots = table.getValues(from, count);
                for (int i = 0; i < slots.size(); i++) {
                    if (lock.equals(slots.get(i))) {
                        return from + i;
                    }
                }
            }
        }
        return -1;
    }

    private static String inner(ObjectReference wrapper) {
        Value m = value(wrapper, "m");
        return LockWords.wrapperNote(m instanceof ObjectReference o ? o.referenceType().name() : null);
    }

    public static Value value(ObjectReference o, String name) {
        ReferenceType t = o.referenceType();
        Field f = t.fieldByName(name);
        return f == null ? null : o.getValue(f);
    }

    private static int intValue(ObjectReference o, String name) {
        return value(o, name) instanceof IntegerValue i ? i.value() : -1;
    }

    /** Every instance of the ConcurrentHashMap family, given the loaded classes of the family. */
    public static List<ObjectReference> instancesOf(List<? extends ReferenceType> types) {
        List<ObjectReference> out = new ArrayList<>();
        for (ReferenceType t : types) {
            out.addAll(t.instances(0));
        }
        return out;
    }
}
