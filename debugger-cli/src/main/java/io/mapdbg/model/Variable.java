package io.mapdbg.model;

/**
 * One argument or local of a frame: name ({@code arg0..} when the class has no local-variable table), declared
 * type, a bounded preview of its value, and for an object its id ({@code @id}, usable by later commands) or null.
 */
public record Variable(String name, String type, String value, Long id) {
}
