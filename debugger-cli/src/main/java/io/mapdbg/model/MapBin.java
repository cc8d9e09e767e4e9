package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The map (and bin, or -1 when the lock covers the whole map) a lock belongs to. */
public record MapBin(long id, @JsonProperty("class") String className, String path, int bin) {
}
