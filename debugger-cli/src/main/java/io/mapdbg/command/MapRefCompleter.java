package io.mapdbg.command;

import java.util.ArrayList;
import java.util.List;

/** Completes map references: $N handles and @id of the maps this REPL showed, and static paths seen by maps. */
final class MapRefCompleter implements ArgCompleter {
    static final MapRefCompleter INSTANCE = new MapRefCompleter();

    @Override
    public List<String> candidates(CommandContext context, List<String> words) {
        return suggestions(context).stream().map(LineCompleter.Suggestion::value).toList();
    }

    static List<LineCompleter.Suggestion> suggestions(CommandContext context) {
        List<LineCompleter.Suggestion> out = new ArrayList<>();
        List<Long> ids = context.history().ids();
        for (int n = 1; n <= ids.size(); n++) {
            out.add(LineCompleter.Suggestion.of("$" + n, "@" + ids.get(n - 1)));
        }
        for (int n = 1; n <= ids.size(); n++) {
            out.add(LineCompleter.Suggestion.of("@" + ids.get(n - 1), "$" + n));
        }
        context.knownPaths().forEach(p -> out.add(LineCompleter.Suggestion.of(p, "static path")));
        return out;
    }
}
