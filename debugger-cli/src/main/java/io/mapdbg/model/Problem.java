package io.mapdbg.model;

/**
 * One integrity problem. kind is one of: "cycle", "wrong-bin", "size-mismatch", "tree-links", and for a TreeMap's
 * tree "red-black" (a red root, red under red, unequal black counts) and "order" (a key on the wrong side),
 * "unreadable" (an object the walk could not read), "walk-limit" (a chain longer than any sane map allows).
 * bin is -1 when the problem is not about one bin.
 */
public record Problem(String kind, int bin, String message) {
}
