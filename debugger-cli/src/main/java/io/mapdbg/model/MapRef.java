package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which map a result is about: its object id in the target, exact class, and the static path that holds it (or null). */
public record MapRef(long id, @JsonProperty("class") String className, String path) {
}
