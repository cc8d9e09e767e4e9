package io.mapdbg.command;

import io.mapdbg.model.BreakpointInfo;

import java.util.ArrayList;
import java.util.List;

/** Completes breakpoint names (cond, on, clear) and locations and map references (break, trace). */
final class BreakpointCompleter {
    static final ArgCompleter NAMES = (context, words) -> context.session().isEmpty() ? List.of()
            : context.breakpoints().list().breakpoints().stream().map(BreakpointInfo::name).toList();

    static final ArgCompleter LOCATIONS = (context, words) -> {
        List<String> out = new ArrayList<>(List.of("mapassign", "mapgrow", "if"));
        out.addAll(MapRefCompleter.INSTANCE.candidates(context, words));
        return out;
    };

    private BreakpointCompleter() {
    }
}
