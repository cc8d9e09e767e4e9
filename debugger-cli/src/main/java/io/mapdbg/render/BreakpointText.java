package io.mapdbg.render;

import io.mapdbg.model.BreakpointHit;
import io.mapdbg.model.BreakpointInfo;
import io.mapdbg.model.BreakpointList;
import io.mapdbg.model.BreakpointsCleared;
import io.mapdbg.model.Continued;
import io.mapdbg.model.MapRef;
import io.mapdbg.model.TraceDropped;

/** Text for breakpoints: one line per hit, a short block per breakpoint set or listed. */
final class BreakpointText {
    private final Handles handles;

    BreakpointText(Handles handles) {
        this.handles = handles;
    }

    String hit(BreakpointHit h) {
        StringBuilder s = new StringBuilder();
        s.append('[').append(h.breakpoint()).append(" #").append(h.hit()).append("] ")
                .append(h.thread().name()).append(" (#").append(h.thread().id()).append(") ")
                .append(h.location());
        if (h.map() != null) {
            s.append(" on ").append(map(h.map()));
        }
        if (h.capacityBefore() != null || h.capacityAfter() != null) {
            s.append(": capacity ").append(h.capacityBefore()).append(" -> ").append(h.capacityAfter());
        } else if (h.key() != null) {
            s.append(": key ").append(h.key());
            if (h.value() != null) {
                s.append(" value ").append(h.value());
            }
        }
        if (h.caller() != null) {
            s.append("  from ").append(h.caller());
        }
        if (h.stopped()) {
            s.append("  [stopped: continue resumes]");
        }
        return s.toString();
    }

    private String map(MapRef m) {
        String simple = m.className().substring(m.className().lastIndexOf('.') + 1);
        return TextRenderer.handle(handles, m.id()) + "@" + m.id() + " " + simple + (m.path() == null ? "" : " " + m.path());
    }

    String info(BreakpointInfo b) {
        StringBuilder s = new StringBuilder();
        s.append(b.name()).append(": ").append(b.kind()).append(' ').append(b.location());
        if (b.map() != null) {
            s.append(" --map ").append(map(b.map()));
        }
        if (b.thread() != null) {
            s.append(" --thread ").append(b.thread().name()).append(" (#").append(b.thread().id()).append(')');
        }
        if (b.count() != null) {
            s.append(" --count ").append(b.count());
        }
        if (b.condition() != null) {
            s.append(" if ").append(b.condition());
        }
        s.append("  [").append(b.state()).append(", ").append(b.hits()).append(b.hits() == 1 ? " hit" : " hits");
        if (b.dropped() > 0) {
            s.append(String.format(", %,d dropped: the printer could not keep up", b.dropped()));
        }
        s.append(']');
        s.append("\n  armed in ").append(b.resolvedTo().size()).append(b.resolvedTo().size() == 1 ? " place" : " places");
        if (!b.resolvedTo().isEmpty() && b.resolvedTo().size() <= 4) {
            s.append(": ").append(String.join(", ", b.resolvedTo()));
        }
        if (!b.pending().isEmpty()) {
            s.append("; pending until loaded: ").append(String.join(", ", b.pending()));
            if (b.resolvedTo().isEmpty()) {
                s.append(" (not loaded yet: armed when it loads)");
            }
        }
        for (String why : b.unarmed()) {
            s.append("\n  not armed: ").append(why);
        }
        for (String on : b.on()) {
            s.append("\n  on hit: ").append(on);
        }
        if (b.note() != null) {
            s.append('\n').append(b.note());
        }
        return s.toString();
    }

    String list(BreakpointList l) {
        if (l.breakpoints().isEmpty()) {
            return "no breakpoints";
        }
        StringBuilder s = new StringBuilder();
        l.breakpoints().forEach(b -> s.append(s.length() == 0 ? "" : "\n").append(info(b)));
        return s.toString();
    }

    String cleared(BreakpointsCleared c) {
        String names = c.names().isEmpty() ? "no breakpoints to clear" : "cleared " + String.join(", ", c.names());
        return c.resumedThreads() == 0 ? names : names + "; resumed " + c.resumedThreads() + " stopped thread(s)";
    }

    String continued(Continued c) {
        String resumed = c.resumed() == 0 ? "" : "resumed " + c.resumed() + " thread(s); ";
        return resumed + switch (c.outcome()) {
            case "stopped" -> "stopped at " + c.stop().breakpoint() + " in " + c.stop().thread().name();
            case "running" -> "running";
            case "nothing-armed" -> "running; no breakpoint left armed";
            case "interrupted" -> "stopped waiting (interrupted); breakpoints stay armed";
            case "target-exited" -> "the target exited";
            default -> c.outcome();
        } + (c.dropped() == 0 ? "" : String.format("; %,d trace events dropped (printer could not keep up)", c.dropped()));
    }

    String dropped(TraceDropped d) {
        return String.format("trace %s: %,d events dropped (printer could not keep up)", d.breakpoint(), d.dropped());
    }
}
