package io.mapdbg.model;

import java.util.List;

/** The result of {@code maps}: counts per exact class, and the top maps by the chosen sort. total counts the maps that passed the filters. */
public record MapCensus(List<ClassCount> classes, List<MapSummary> top, long total, String sort, boolean truncated) implements Result {
}
