package io.mapdbg.model;

/** A plain one-line result (detach, help and the like). */
public record Message(String text) implements Result {
}
