package io.mapdbg.model;

import java.util.List;

/** help: either the list of commands (command null) or one command's usage text. */
public record HelpText(String command, String usage, List<Entry> commands) implements Result {
    public record Entry(String name, List<String> aliases, String summary) {
    }

    @Override
    public <T> T accept(ResultView<T> view) {
        return view.view(this);
    }
}
