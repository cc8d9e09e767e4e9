package io.mapdbg.render;

import io.mapdbg.model.HelpText;

final class HelpTextView {
    private HelpTextView() {
    }

    static String render(HelpText help) {
        if (help.command() != null) {
            return help.usage();
        }
        StringBuilder out = new StringBuilder("Commands (help <command> for details; every command takes --json):\n");
        int width = help.commands().stream().mapToInt(e -> e.name().length()).max().orElse(8) + 2;
        for (HelpText.Entry e : help.commands()) {
            out.append("  ").append(String.format("%-" + width + "s", e.name())).append(e.summary());
            if (!e.aliases().isEmpty()) {
                out.append(" (also: ").append(String.join(", ", e.aliases())).append(')');
            }
            out.append('\n');
        }
        out.append("\nA map reference is @id (printed by maps), $N (a result of this session) or a static path Cls.FIELD[.field...].");
        return out.toString();
    }
}
