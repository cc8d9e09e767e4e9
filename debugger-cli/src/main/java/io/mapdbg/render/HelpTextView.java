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
        out.append("\nAt the prompt: Tab completes commands, options, map references, threads, breakpoints and "
                + "Class.method; Ctrl-C stops the running command (continue, a long walk), not the session; "
                + "Ctrl-D or exit detaches. History is kept in ~/.mapdbg_history ($MAPDBG_HISTORY).");
        return out.toString();
    }
}
