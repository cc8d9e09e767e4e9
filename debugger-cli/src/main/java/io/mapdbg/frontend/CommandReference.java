package io.mapdbg.frontend;

import io.mapdbg.command.CommandInfo;
import io.mapdbg.command.CommandRegistry;

/** docs/COMMANDS.md, generated from the command registry (a test fails when the checked-in copy is stale). */
public final class CommandReference {
    private CommandReference() {
    }

    public static String markdown(CommandRegistry registry) {
        StringBuilder md = new StringBuilder("# mapdbg command reference\n\n");
        md.append("Generated from the command registry by `CommandReferenceTest`; do not edit by hand ")
                .append("(run `mvn test -Dtest=CommandReferenceTest -Dmapdbg.writeReference=true` after changing a command).\n\n");
        md.append("On the command line a command that needs a target takes it first: `mapdbg <command> <pid|host:port> [args]`; ")
                .append("in the REPL (`mapdbg attach <target>`) the target is implicit.\n\n");
        md.append("| command | aliases | summary |\n|---|---|---|\n");
        for (CommandInfo c : registry.commands()) {
            md.append("| `").append(c.name()).append("` | ").append(String.join(", ", c.aliases())).append(" | ")
                    .append(c.summary()).append(" |\n");
        }
        for (CommandInfo c : registry.commands()) {
            md.append("\n## ").append(c.name()).append("\n\n```\n").append(registry.usage(c).stripTrailing()).append("\n```\n");
        }
        return md.toString();
    }
}
