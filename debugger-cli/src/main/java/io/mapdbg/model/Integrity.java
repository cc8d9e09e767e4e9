package io.mapdbg.model;

import java.util.List;

/** The result of the integrity check; ok is true when no problem was found in what was walked. */
public record Integrity(boolean ok, List<Problem> problems, boolean complete) {
}
