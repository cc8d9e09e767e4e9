package io.mapdbg.model;

/** A thread as the user sees it: name and JDI unique id (what {@code --thread} takes). */
public record ThreadRef(String name, long id) {
}
