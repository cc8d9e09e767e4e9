package io.mapdbg.render;

import io.mapdbg.model.ClassCount;
import io.mapdbg.model.MapCensus;
import io.mapdbg.model.MapSummary;

final class MapCensusText {
    private final Handles handles;

    MapCensusText(Handles handles) {
        this.handles = handles;
    }

    String render(MapCensus census) {
        StringBuilder out = new StringBuilder();
        long all = census.classes().stream().mapToLong(ClassCount::count).sum();
        out.append(String.format("%,d map instances in %d classes", all, census.classes().size()));
        out.append(census.source() == null ? "" : "  [via " + census.source() + "]").append('\n');
        if ("agent".equals(census.source())) {
            out.append("  (").append(census.scope()).append(")\n");
        }
        out.append(String.format("  %12s  %s%n", "instances", "class"));
        for (ClassCount c : census.classes()) {
            out.append(String.format("  %,12d  %s%n", c.count(), c.className()));
        }
        if (census.top().isEmpty()) {
            out.append(census.total() == 0 ? "\nno map passed the filters"
                    : String.format("%n%,d maps passed the filters; none listed (--top 0)", census.total()));
            return out.toString();
        }
        out.append(String.format("%nlargest by %s (%d of %,d shown):%n", census.sort(), census.top().size(), census.total()));
        out.append(String.format("  %-6s %-12s %12s %12s %10s  %s%n", "", "id", "size", "capacity", "collisions", "class / path"));
        for (MapSummary m : census.top()) {
            String handle = TextRenderer.handle(handles, m.id()).trim();
            out.append(String.format("  %-6s %-12s %,12d %,12d %10s  %s%s%n", handle, "@" + m.id(), m.size(), m.capacity(),
                    m.collisions() == null ? "-" : String.format("%,d", m.collisions()), m.className(),
                    m.path() == null ? "" : "  " + m.path()));
        }
        return out.toString().stripTrailing();
    }
}
