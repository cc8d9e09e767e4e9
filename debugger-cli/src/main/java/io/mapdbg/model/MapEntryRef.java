package io.mapdbg.model;

/**
 * A map entry whose value is (or holds) the lock: the map, and the key (a String key as its plain value,
 * a boxed number as its digits, anything else as a bounded preview).
 */
public record MapEntryRef(MapRef map, String key) {
}
