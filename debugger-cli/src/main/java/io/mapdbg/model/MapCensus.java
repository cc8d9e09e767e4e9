package io.mapdbg.model;

import java.util.List;

/**
 * The result of {@code maps}: counts per exact class, and the top maps by the chosen sort. total counts the maps that
 * passed the filters. source says which way served it ("jdwp": every instance in the heap; "agent": the maps static
 * fields reach), and scope says in words what was counted.
 */
public record MapCensus(List<ClassCount> classes, List<MapSummary> top, long total, String sort, boolean truncated,
                        String source, String scope) implements Result {
    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
