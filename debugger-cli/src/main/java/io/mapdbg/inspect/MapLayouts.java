package io.mapdbg.inspect;

import io.mapdbg.model.BucketLayout;
import io.mapdbg.model.MapRef;

import java.util.List;
import java.util.Map;

/**
 * Entry point of the inspect layer: picks the decoder for a map object by its class hierarchy (so application
 * subclasses work), unwraps {@code synchronizedMap}, {@code unmodifiableMap} and {@code Properties}, and decodes.
 * The layout's source is left null: the caller knows which way (jdwp or agent) served the heap.
 */
public final class MapLayouts {

    static final String SYNCHRONIZED_MAP = "java.util.Collections$SynchronizedMap";
    static final String UNMODIFIABLE_MAP = "java.util.Collections$UnmodifiableMap";
    static final String PROPERTIES = "java.util.Properties";
    /** Wrappers of wrappers are legal; a cycle of them (a corrupt heap) must not recurse forever. */
    private static final int MAX_WRAPPERS = 8;

    private static final Map<String, LayoutDecoder> DECODERS = Map.of(
            HashMapDecoder.MAP, new HashMapDecoder(),
            ConcurrentHashMapDecoder.MAP, new ConcurrentHashMapDecoder(),
            HashtableDecoder.MAP, new HashtableDecoder(),
            WeakHashMapDecoder.MAP, new WeakHashMapDecoder(),
            IdentityHashMapDecoder.MAP, new IdentityHashMapDecoder());

    /**
     * Size and table length of one map, for a census of thousands. inner is the unwrapped map (the map itself
     * when it is not a wrapper). nonEmptyBins is null unless asked; for a ConcurrentHashMap it counts every
     * non-null head, ForwardingNode and ReservationNode heads included.
     */
    public record QuickStats(long size, int capacity, Integer nonEmptyBins, HeapObject inner) {

        /** stride 2: IdentityHashMap's table holds key,value pairs, so capacity is half its length. */
        static QuickStats of(HeapObject inner, long size, HeapObject table, int stride, boolean countNonEmptyBins) {
            int length = TableChunks.length(table);
            Integer nonEmpty = !countNonEmptyBins ? null
                    : table == null ? 0 : TableChunks.countNonNull(table, length, stride);
            return new QuickStats(size, length / stride, nonEmpty, inner);
        }
    }

    /** The decoder for a map once wrappers are taken off; path follows the fields unwrapped. */
    private record Target(LayoutDecoder decoder, HeapObject map, String className, String wrapper, String path) {
    }

    private MapLayouts() {
    }

    /**
     * Decodes the bucket layout of a map. path is the static path the map was found by (or null).
     *
     * @throws NotAHashMapException when neither the class nor a superclass is a map layout mapdbg knows
     */
    public static BucketLayout decode(HeapObject map, String path, WalkOptions options, WalkProgress progress) {
        Target target = resolve(map, path);
        MapRef ref = new MapRef(target.map().id(), target.className(), target.path());
        return target.decoder().decode(target.map(), ref, target.wrapper(), options,
                progress == null ? WalkProgress.NONE : progress);
    }

    /** Size and capacity in about two requests (plus one per wrapper); non-empty bins read the table in chunks. */
    public static QuickStats quickStats(HeapObject map, boolean countNonEmptyBins) {
        Target target = resolve(map, null);
        return target.decoder().quickStats(target.map(), countNonEmptyBins);
    }

    private static Target resolve(HeapObject map, String path) {
        HeapObject current = map;
        String currentPath = path;
        String wrapper = null;
        for (int depth = 0; depth <= MAX_WRAPPERS; depth++) {
            List<String> hierarchy = current.classHierarchy();
            String name = hierarchy.isEmpty() ? "?" : hierarchy.get(0);
            String unwrapField = null;
            for (String cls : hierarchy) {
                LayoutDecoder decoder = DECODERS.get(cls);
                if (decoder != null) {
                    return new Target(decoder, current, name, wrapper, currentPath);
                }
                if (cls.equals(SYNCHRONIZED_MAP) || cls.equals(UNMODIFIABLE_MAP)) {
                    unwrapField = "m";
                } else if (cls.equals(PROPERTIES)) {
                    unwrapField = "map";
                } else {
                    continue;
                }
                Object inner = current.read(cls, unwrapField).get(unwrapField);
                if (inner == null && cls.equals(PROPERTIES)) {
                    // JDK 8 Properties has no map field: its entries are in the Hashtable it extends
                    return new Target(DECODERS.get(HashtableDecoder.MAP), current, name, wrapper, currentPath);
                }
                if (!(inner instanceof HeapObject innerMap)) {
                    throw new NotAHashMapException(name + " wraps no map (field " + unwrapField + " is " + inner + ")");
                }
                // the outermost wrapper is the one the user pointed at
                wrapper = wrapper == null ? name : wrapper;
                currentPath = currentPath == null ? null : currentPath + "." + unwrapField;
                current = innerMap;
                break;
            }
            if (unwrapField == null) {
                throw new NotAHashMapException(name + " is not a hash map mapdbg can decode"
                        + " (HashMap, LinkedHashMap, ConcurrentHashMap, Hashtable, WeakHashMap, IdentityHashMap"
                        + " or a synchronized/unmodifiable wrapper of one)");
            }
        }
        throw new NotAHashMapException("more than " + MAX_WRAPPERS + " nested map wrappers at " + map.id());
    }
}
