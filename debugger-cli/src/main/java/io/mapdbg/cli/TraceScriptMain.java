package io.mapdbg.cli;

import io.mapdbg.breakpoints.Durations;
import io.mapdbg.breakpoints.RunLimits;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandException;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.model.ScriptEnd;
import io.mapdbg.render.Json;
import io.mapdbg.frontend.Output;
import io.mapdbg.frontend.ProgressLines;
import io.mapdbg.script.ScriptRunner;
import io.mapdbg.script.ScriptSyntaxException;
import io.mapdbg.script.Scripts;
import io.mapdbg.script.TraceScript;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.agent.AgentClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.mapdbg.session.TargetText;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code mapdbg trace <target> <script.mdbg>}: parse the whole script (a syntax error exits 2 and never touches
 * the target), attach, run it, detach. Exit 0 when every line succeeded, 1 when one failed or the target went
 * away, 2 for usage and script errors. A stop from outside (Ctrl-C, SIGTERM: {@link #stop()}) ends the run in
 * progress and the script, then everything is disarmed, the target resumed and detached.
 */
final class TraceScriptMain {
    @Command(name = "mapdbg trace", sortOptions = false,
            description = {"Attach, run a script of mapdbg commands (*.mdbg), detach. One command per line, # comments, "
                    + "on NAME { ... } blocks, run 30s / run until N hits (see the README, section Scripts).",
                    "Exit 0 ok, 1 a line failed at run time (or the target went away), 2 usage or script syntax error "
                            + "(file:line:col: message; nothing is attached then). Ctrl-C or SIGTERM end it cleanly: "
                            + "everything disarmed, the target resumed and detached.",
                    "(mapdbg trace <target> LOCATION ... without a script is the one-shot trace: mapdbg help trace.)"})
    static final class Options {
        @Parameters(index = "0", paramLabel = "TARGET", description = "PID or host:port of a JVM started with JDWP.")
        String target;

        @Parameters(index = "1", paramLabel = "SCRIPT", description = "The script (*.mdbg).")
        String script;

        @Option(names = "--json", description = "One JSON object per line on out, each with a type: result, error, hit, on, notice, dropped, end.")
        boolean json;

        @Option(names = "--out", paramLabel = "FILE", description = "Write what goes to stdout to FILE instead.")
        String out;

        @Option(names = "--duration", paramLabel = "D", description = "Bound on the whole script (e.g. 30s, 5m): the run in progress ends and the rest is skipped.")
        String duration;

        @Option(names = "--max-events", paramLabel = "N", description = "At most N hits over all runs; then the script stops as for --duration.")
        Long maxEvents;

        @Option(names = "--strict", description = "Stop at the first line that fails at run time.")
        boolean strict;

        @Option(names = "--agent", description = "Go through the mapdbg agent (a local PID; loaded through the Attach API "
                + "if it is not running yet): buckets, maps, threads, races and trace mapassign --map M; breakpoints and "
                + "frames need JDWP. Its traces print hits from the moment they are armed, not only during run.")
        boolean agent;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;
    }

    private final PrintStream stdout;
    private final PrintStream err;
    private final Dispatcher dispatcher;
    private final AtomicReference<Session> active;
    private volatile Thread runner;
    private final CountDownLatch finished = new CountDownLatch(1);

    TraceScriptMain(PrintStream out, PrintStream err, Dispatcher dispatcher, AtomicReference<Session> active) {
        this.stdout = out;
        this.err = err;
        this.dispatcher = dispatcher;
        this.active = active;
    }

    /** A script invocation rather than the one-shot trace: some argument names a *.mdbg file. */
    static boolean isScript(List<String> rest) {
        return rest.stream().anyMatch(a -> a.endsWith(".mdbg"));
    }

    static String usage() {
        return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    int run(List<String> args) {
        Options o = new Options();
        CommandLine line = new CommandLine(o);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            err.println("mapdbg trace: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        if (o.help) {
            stdout.println(usage());
            return 0;
        }
        Duration duration = null;
        try {
            if (o.duration != null) {
                duration = Durations.parse(o.duration);
            }
            if (o.maxEvents != null && o.maxEvents < 1) {
                throw new IllegalArgumentException("--max-events takes 1 or more");
            }
        } catch (IllegalArgumentException e) {
            err.println("mapdbg trace: " + (o.duration != null && e.getMessage().startsWith("'") ? "--duration " : "") + e.getMessage());
            return 2;
        }
        TraceScript script;
        try {
            script = Scripts.read(o.script, dispatcher.registry());
        } catch (ScriptSyntaxException e) {
            err.println(e.getMessage()); // file:line:col: message; the target was never touched
            return 2;
        } catch (CommandException e) {
            err.println("mapdbg: " + TargetText.clean(e.getMessage()));
            return 2;
        }
        Target target;
        try {
            target = Target.parse(o.target);
            if (o.agent) {
                AgentEntry.pid(o.target); // a local PID, or a usage error before anything is loaded
            }
        } catch (TargetException e) {
            err.println("mapdbg: " + TargetText.clean(e.getMessage()));
            return e.exitCode();
        }
        PrintStream out = stdout;
        if (o.out != null) {
            try {
                out = new PrintStream(new FileOutputStream(o.out), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("mapdbg trace: cannot write --out " + o.out + ": " + e.getMessage());
                return 2;
            }
        }
        try {
            return attachAndRun(target, script, o, duration, out);
        } finally {
            if (out != stdout) {
                out.close();
            }
        }
    }

    private int attachAndRun(Target target, TraceScript script, Options o, Duration duration, PrintStream out) {
        Session session = null;
        AgentClient agent = null;
        try {
            if (o.agent) {
                agent = AgentEntry.connect(AgentEntry.pid(o.target), err);
            } else {
                session = Session.attach(target);
            }
        } catch (TargetException e) {
            err.println("mapdbg: " + TargetText.clean(e.getMessage()));
            return e.exitCode();
        }
        String describe = session != null ? session.describe() : "pid " + agent.pid() + " through the mapdbg agent";
        runner = Thread.currentThread();
        active.set(session);
        ScriptRunner.Outcome outcome = null;
        TraceOutput output = null;
        CommandContext context = null;
        try {
            ValueHistory history = new ValueHistory();
            context = new CommandContext(session, history, new ProgressLines(err), true);
            context.sourceRunner(Scripts::source);
            output = new TraceOutput(dispatcher, context, new Output(out, err, history), o.json);
            context.breakpointListener(output);
            context.limits(RunLimits.of(duration, o.maxEvents));
            if (agent != null) {
                context.agent(agent); // the script's commands go through the agent; its traces stream on their own
            } else {
                context.breakpoints().gateHitsToRuns(true); // hits count only while a run is in progress
            }
            if (!o.json) {
                err.println("attached to " + describe + "; running " + script.file());
            }
            outcome = new ScriptRunner(dispatcher, context, output, o.strict).run(script);
        } catch (RuntimeException e) {
            err.println(TargetText.clean("mapdbg trace: " + script.file() + " failed: " + e));
            e.printStackTrace(err);
            outcome = new ScriptRunner.Outcome(0, 1, 0, "failed: " + e, false);
        } finally {
            runner = null;
            Thread.interrupted(); // a stop that came late must not disturb the detach
            Session s = active.getAndSet(null);
            if (s != null) {
                s.close(); // every request deleted, every thread resumed, detached
            }
            if (agent != null && context != null) {
                context.detached(); // ends the agent's trace stream: it takes its hooks out
            }
            if (outcome != null) {
                end(output, script, outcome, exitCode(outcome), o.json, describe);
            }
            finished.countDown();
        }
        return exitCode(outcome);
    }

    /** 1 when a line failed, the target went away or the script was interrupted; else 0. */
    private static int exitCode(ScriptRunner.Outcome r) {
        return r.failed() > 0 || r.targetGone() || "interrupted".equals(r.stoppedBy()) ? 1 : 0;
    }

    private void end(TraceOutput output, TraceScript script, ScriptRunner.Outcome r, int exit, boolean json, String describe) {
        if (json) {
            output.println(Json.render(new ScriptEnd(null, script.file(), r.commands(), r.failed(), r.hits(), r.stoppedBy(), exit)));
        }
        err.println("trace " + script.file() + ": " + r.commands() + " command(s), " + r.failed() + " failed, "
                + r.hits() + " hit(s) in runs" + (r.stoppedBy() == null ? "" : "; stopped early: " + r.stoppedBy())
                + "; detached from " + describe);
        err.flush();
    }

    /** From the shutdown hook (Ctrl-C, SIGTERM): end the run and the script, and wait (bounded) for the detach. */
    void stop() {
        Thread t = runner;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
