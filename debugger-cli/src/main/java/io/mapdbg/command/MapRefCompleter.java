package io.mapdbg.command;

import java.util.ArrayList;
import java.util.List;

/** Completes map references: $N handles from this REPL session. */
final class MapRefCompleter implements ArgCompleter {
    static final MapRefCompleter INSTANCE = new MapRefCompleter();

    @Override
    public List<String> candidates(CommandContext context, List<String> words) {
        List<String> out = new ArrayList<>();
        for (int n = 1; n <= context.history().size(); n++) {
            out.add("$" + n);
        }
        out.addAll(context.knownPaths());
        return out;
    }
}
