package io.mapdbg.layouts;

/**
 * Where each layout puts a hash: the JDK's own spreading and indexing, written once. A walk checks stored hashes
 * with {@link #ofStored}; the expression helpers place a key by its hashCode with {@link #ofHashCode}. JDK 8 to 25
 * agree on all of these.
 */
public final class Bins {
    /** ConcurrentHashMap.HASH_BITS: spread hashes are non-negative (negative ones mark special nodes). */
    static final int HASH_BITS = 0x7fffffff;

    private Bins() {
    }

    /** HashMap.hash: the high half folded into the low half (what a Node stores). */
    public static int hashMapSpread(int h) {
        return h ^ (h >>> 16);
    }

    /** ConcurrentHashMap.spread: as HashMap, masked to non-negative. */
    public static int concurrentSpread(int h) {
        return (h ^ (h >>> 16)) & HASH_BITS;
    }

    /** WeakHashMap.hash (what an Entry stores). */
    public static int weakSpread(int h) {
        h ^= (h >>> 20) ^ (h >>> 12);
        return h ^ (h >>> 7) ^ (h >>> 4);
    }

    /**
     * The bin of a hash as the node stores it, in a table of tableLength (the array's length; IdentityHashMap's is
     * twice its capacity): Hashtable keeps the raw hashCode and indexes by modulo, the others store spread hashes
     * and mask. An IdentityHashMap stores no hash: given an identity hash, the result is its key slot's index.
     */
    public static int ofStored(MapLayouts.Kind kind, int storedHash, int tableLength) {
        switch (kind) {
            case HASHTABLE: return (storedHash & 0x7FFFFFFF) % tableLength;
            case IDENTITY: return ofIdentityHash(storedHash, tableLength);
            default: return storedHash & (tableLength - 1);
        }
    }

    /**
     * The bin a key of this hashCode goes to (for IdentityHashMap: of this System.identityHashCode, the index of
     * its key slot in the table, as IdentityHashMap.hash gives it).
     */
    public static int ofHashCode(MapLayouts.Kind kind, int hashCode, int tableLength) {
        switch (kind) {
            case HASH_MAP: return ofStored(kind, hashMapSpread(hashCode), tableLength);
            case CONCURRENT: return ofStored(kind, concurrentSpread(hashCode), tableLength);
            case WEAK: return ofStored(kind, weakSpread(hashCode), tableLength);
            case HASHTABLE: return ofStored(kind, hashCode, tableLength);
            default: return ofIdentityHash(hashCode, tableLength);
        }
    }

    /** IdentityHashMap.hash: the even index of the key slot. */
    private static int ofIdentityHash(int h, int tableLength) {
        return ((h << 1) - (h << 8)) & (tableLength - 1);
    }
}
