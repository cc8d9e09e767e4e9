package io.mapdbg.command;

import io.mapdbg.model.HelpText;
import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "help", aliases = {"h", "?"},
        description = {"List the commands, or show one command's help.",
                "Every command also takes -h/--help and --json."})
public final class HelpCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to explain.")
    String command;

    @Override
    public Result run(CommandContext context) {
        CommandRegistry registry = CommandRegistry.standard();
        List<HelpText.Entry> entries = registry.commands().stream()
                .map(c -> new HelpText.Entry(c.name(), c.aliases(), c.summary()))
                .toList();
        if (command == null) {
            return new HelpText(null, null, entries);
        }
        CommandInfo info = registry.find(command)
                .orElseThrow(() -> new CommandException("no command '" + command + "'; try help", 2));
        return new HelpText(info.name(), registry.usage(info).stripTrailing(), List.of());
    }

    @Override
    public Needs needs() {
        return Needs.NOTHING;
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
