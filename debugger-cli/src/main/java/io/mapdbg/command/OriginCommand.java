package io.mapdbg.command;

import io.mapdbg.model.Message;
import io.mapdbg.model.Result;
import io.mapdbg.service.OriginService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;


@Command(name = "origin",
        description = {"Where threads are born: origin on records the stack that starts each new thread; origin prints it.",
                "",
                "origin on arms a breakpoint on java.lang.Thread.start (executors and thread factories start their "
                        + "threads there too): for every thread started from then on it reads the starting thread's "
                        + "stack (24 frames), keyed by the new thread, and lets it run on; each thread start costs the "
                        + "starter about 2 ms while recording (measured: start+join 2,900/s -> 400/s). origin off disarms it (what was recorded stays). origin, in an on block or "
                        + "with a thread selected, prints where the focused (hitting) thread was started; thread ID origin "
                        + "prints it for any live thread. A thread started before origin on is said to be so. Virtual "
                        + "threads are not recorded."})
public final class OriginCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "0..1", paramLabel = "on|off", description = "Start or stop recording; without it, print the focused thread's origin.")
    String mode;

    @Override
    public void check() {
        if (mode != null && !mode.equals("on") && !mode.equals("off")) {
            throw new CommandException("origin: expected origin, origin on or origin off, not origin " + mode, 2);
        }
    }

    @Override
    public Result run(CommandContext context) {
        check();
        OriginService origins = new OriginService(context.requireSession(), context.origins());
        if ("on".equals(mode)) {
            origins.start();
            return new Message("origin on: recording where each new thread is started (a breakpoint on java.lang.Thread.start)");
        }
        if ("off".equals(mode)) {
            origins.stop();
            return new Message("origin off: thread starts are no longer recorded (what was recorded stays)");
        }
        return origins.ofFocused();
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
