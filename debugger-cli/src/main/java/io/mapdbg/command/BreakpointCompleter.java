package io.mapdbg.command;

import io.mapdbg.model.BreakpointInfo;

import java.util.ArrayList;
import java.util.List;

/** Completes breakpoint names (cond, on, clear) and, without a target's classes, locations (break, trace). */
final class BreakpointCompleter {
    static final ArgCompleter NAMES = (context, words) -> suggestions(context).stream()
            .map(LineCompleter.Suggestion::value).toList();

    static final ArgCompleter LOCATIONS = (context, words) -> {
        List<String> out = new ArrayList<>();
        LineCompleter.MAP_METHODS.forEach(m -> out.add(m.value()));
        out.add("if");
        out.addAll(MapRefCompleter.INSTANCE.candidates(context, words));
        return out;
    };

    private BreakpointCompleter() {
    }

    /** The session's breakpoints and traces, each with its location. */
    static List<LineCompleter.Suggestion> suggestions(CommandContext context) {
        if (context.session().isEmpty()) {
            return List.of();
        }
        return context.breakpointService().list().breakpoints().stream()
                .map(b -> LineCompleter.Suggestion.of(b.name(), describe(b)))
                .toList();
    }

    private static String describe(BreakpointInfo b) {
        return b.kind() + " " + b.location() + (b.condition() == null ? "" : " if " + b.condition());
    }
}
