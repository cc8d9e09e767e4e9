package io.mapdbg.model;

/** A command's result: immutable, rendered as text by render, serialised to JSON by Jackson. */
public interface Result {
}
