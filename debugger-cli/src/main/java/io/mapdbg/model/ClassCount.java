package io.mapdbg.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Instances of exactly one class, as {@code jcmd GC.class_histogram} counts them. */
public record ClassCount(@JsonProperty("class") String className, long count) {
}
