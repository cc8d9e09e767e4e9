package io.mapdbg.model;

/** One entry of a chain as shown to the user: bounded previews of key and value, and the hash stored in the node. */
public record ChainEntry(String key, String value, int hash) {
}
