package io.mapdbg.command;

import io.mapdbg.model.InvokeSetting;
import io.mapdbg.model.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "invoke",
        description = {"Allow or forbid expressions to invoke methods in the target: invoke on|off (default off).",
                "",
                "Off, expressions only read fields and array elements. On, hash(key) and bin(map, key) of keys "
                        + "other than strings and boxed primitives call the key's hashCode() (an IdentityHashMap "
                        + "bin calls System.identityHashCode), single-threaded on the thread stopped at a "
                        + "breakpoint. That code runs in the target and can block on the very lock under study.",
                "Without an argument, shows the setting.",
                ""})
public final class InvokeCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "0..1", paramLabel = "on|off", description = "The new setting.")
    String setting;

    @Override
    public Result run(CommandContext context) {
        if (setting != null) {
            switch (setting) {
                case "on" -> context.allowInvoke(true);
                case "off" -> context.allowInvoke(false);
                default -> throw new CommandException("invoke: expected on or off, not '" + setting + "'", 2);
            }
        }
        return new InvokeSetting(context.invokeAllowed());
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
