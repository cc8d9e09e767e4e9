package io.mapdbg.model;

import java.util.List;

/**
 * One breakpoint as set or listed. kind is "break" or "trace"; resolvedTo lists the methods (or lines) it is
 * armed in, pending the classes not loaded yet (armed when they load); count is the bound on hits (null: none);
 * state is "armed", "done" (count reached) or "cleared". hits counts the hits taken (a --count bound counts them);
 * dropped, of a trace, those of them not printed because the printer's bounded queue was full (always 0 for a
 * break). note is the cost line, said when it is set. unarmed says why a location armed in no place although its
 * classes are loaded ("Cls has no method m", "Cls has no code at line 99 (its code is on lines 10-80)").
 */
public record BreakpointInfo(String name,
                             String kind,
                             String location,
                             List<String> resolvedTo,
                             List<String> pending,
                             MapRef map,
                             ThreadRef thread,
                             Integer count,
                             String condition,
                             List<String> on,
                             long hits,
                             long dropped,
                             String state,
                             String note,
                             List<String> unarmed) implements Result {

    /** Without unarmed: armed somewhere, or nothing to say why not. */
    public BreakpointInfo(String name, String kind, String location, List<String> resolvedTo, List<String> pending,
                          MapRef map, ThreadRef thread, Integer count, String condition, List<String> on, long hits,
                          long dropped, String state, String note) {
        this(name, kind, location, resolvedTo, pending, map, thread, count, condition, on, hits, dropped, state, note,
                List.of());
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
