package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One map in the census. capacity is the table length (0 before the first put); collisions = size - nonEmptyBins when measured, else null. */
public record MapSummary(long id, @JsonProperty("class") String className, long size, int capacity,
                         Integer collisions, String path) {
}
