package io.mapdbg.cli;

import io.mapdbg.backend.ValueHistory;
import io.mapdbg.backend.agent.AgentBackend;
import io.mapdbg.backend.jdwp.JdwpBackend;
import io.mapdbg.session.TargetText;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandInfo;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.command.Needs;
import io.mapdbg.command.ProgressSink;
import io.mapdbg.model.HelpText;
import io.mapdbg.frontend.Output;
import io.mapdbg.frontend.ProgressLines;
import io.mapdbg.repl.HitPrinter;
import io.mapdbg.repl.Repl;
import io.mapdbg.session.NoJdwpException;
import io.mapdbg.session.Session;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.Target;
import io.mapdbg.script.Scripts;
import io.mapdbg.session.TargetException;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mapdbg program. Takes its streams as arguments and returns an exit code (0 ok, 1 failure, 2 usage),
 * so tests drive it in-process exactly as a user drives it from a shell.
 */
public final class Main {
    static final String VERSION = "mapdbg 0.1.0";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean stdinIsTerminal;
    /** Built on first use: the quick threads --blocked through the agent never needs it (nor picocli). */
    private Dispatcher dispatcher;
    /** The session to close if the JVM is stopped under us (Ctrl-C, SIGTERM): never leave a target suspended. */
    private final AtomicReference<Session> active = new AtomicReference<>();
    /** A running mapdbg trace script, ended cleanly by the shutdown hook. */
    private final AtomicReference<TraceScriptMain> trace = new AtomicReference<>();

    public Main(InputStream in, PrintStream out, PrintStream err, boolean stdinIsTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.stdinIsTerminal = stdinIsTerminal;
    }

    public static void main(String[] args) {
        Main main = new Main(System.in, System.out, System.err, stdinIsTerminal());
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.closeActive();
            try { // the command sees its session closed: let it say "interrupted" before the JVM halts (bounded)
                finished.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mapdbg-detach");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = main.run(args);
        finished.countDown();
        if (Boolean.getBoolean("mapdbg.cdsTraining")) { // scripts/mapdbg's class-data-sharing training run
            CdsTraining.run();
        }
        System.exit(code);
    }

    /** JDK 22+ hands out a Console even when piped; its isTerminal() tells the truth there. */
    static boolean stdinIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public int run(String... args) {
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        String first = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (first) {
            case "-h", "--help" -> {
                out.println(usage());
                return 0;
            }
            case "-V", "--version" -> {
                out.println(VERSION);
                return 0;
            }
            case "attach" -> {
                return attach(rest);
            }
            case "launch" -> {
                return launch(rest);
            }
            case "trace" -> {
                if (rest.size() == 1 && (rest.get(0).equals("-h") || rest.get(0).equals("--help"))) {
                    out.println(TraceScriptMain.usage() + "\n");
                    return oneShot(first, rest); // and the one-shot trace's own help
                }
                if (!TraceScriptMain.isScript(rest)) {
                    return oneShot(first, rest);
                }
                TraceScriptMain script = new TraceScriptMain(out, err, dispatcher(), active);
                trace.set(script);
                try {
                    return script.run(rest);
                } finally {
                    trace.set(null);
                }
            }
            default -> {
                return oneShot(first, rest);
            }
        }
    }

    private int attach(List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            if (!rest.isEmpty() && (rest.get(0).equals("-h") || rest.get(0).equals("--help"))) {
                out.println("Usage: mapdbg attach <pid|host:port> [--agent]\n  Attach to a live JVM (started with -agentlib:jdwp=...) and open the REPL.\n"
                        + "  --agent: reach a local PID through the mapdbg agent instead (no JDWP needed: buckets, maps, threads).");
                return 0;
            }
            err.println("mapdbg: attach needs a target: mapdbg attach <pid|host:port>");
            return 2;
        }
        Session session;
        try {
            if (AgentEntry.flagged(rest)) {
                return agentRepl(AgentEntry.connect(AgentEntry.pid(rest.get(0)), err));
            }
            session = Session.attach(Target.parse(rest.get(0)));
        } catch (NoJdwpException e) {
            AgentClient agent = AgentEntry.offer(e, in, err, stdinIsTerminal);
            return agent == null ? e.exitCode() : agentRepl(agent);
        } catch (TargetException e) {
            err.println("mapdbg: " + TargetText.clean(e.getMessage()));
            return e.exitCode();
        }
        return repl(session);
    }

    /** The REPL on a JVM reached through the mapdbg agent only: buckets, maps, threads; the rest says it needs JDWP. */
    private int agentRepl(AgentClient agent) {
        try (agent) {
            ValueHistory history = new ValueHistory();
            CommandContext context = new CommandContext(null, history, new ProgressLines(err), true);
            context.sourceRunner(Scripts::source);
            context.agent(agent);
            Repl repl = new Repl(dispatcher(), context, new Output(out, err, history));
            err.println("attached to pid " + agent.pid() + " through the mapdbg agent (no JDWP: "
                    + AgentEntry.served(dispatcher().registry()) + "; breakpoints and frames need JDWP); detach (or"
                    + " Ctrl-D) leaves");
            try {
                return repl.run(in, stdinIsTerminal);
            } finally {
                context.detached(); // ends the agent's trace stream: it takes its hooks out
            }
        }
    }

    /** One command through the mapdbg agent. */
    private int agentOneShot(String commandWord, List<String> rest, AgentClient agent) {
        // threads --blocked / blocked: the target takes its dump while picocli parses
        boolean blockedReport = commandWord.equals("blocked")
                || (commandWord.equals("threads") && rest.contains("--blocked") && !rest.contains("--group"));
        try (agent) {
            CommandContext context = new CommandContext(null, new ValueHistory(), new ProgressLines(err), false);
            context.sourceRunner(Scripts::source);
            context.agent(agent); // the backend of this one-shot: the agent
            if (blockedReport && !rest.contains("-h") && !rest.contains("--help")) {
                context.agentBackend().prefetchBlocked(rest.contains("--all-waits"));
            }
            List<String> words = new java.util.ArrayList<>();
            words.add(commandWord);
            words.addAll(AgentEntry.without(rest).subList(1, AgentEntry.without(rest).size()));
            Output output = new Output(out, err, null);
            try (BatchedHits hits = new BatchedHits(new HitPrinter(dispatcher(), context, output, out::println), output,
                    out)) {
                context.breakpointListener(hits); // trace's hits
                try {
                    return output.execute(dispatcher(), words, context).status().exitCode;
                } finally {
                    context.detached(); // ends the agent's trace stream: it takes its hooks out
                }
            }
        }
    }

    private int launch(List<String> rest) {
        List<String> javaArgs = !rest.isEmpty() && rest.get(0).equals("--") ? rest.subList(1, rest.size()) : rest;
        if (javaArgs.isEmpty() || javaArgs.get(0).equals("-h") || javaArgs.get(0).equals("--help")) {
            (javaArgs.isEmpty() ? err : out).println("Usage: mapdbg launch [--] <java args>\n"
                    + "  Start a JVM with JDWP on loopback (java from MAPDBG_TARGET_JAVA_HOME, else this JDK),\n"
                    + "  attach, and open the REPL; the JVM is ended when the session ends.");
            return javaArgs.isEmpty() ? 2 : 0;
        }
        AtomicReference<Repl> repl = new AtomicReference<>();
        Session session;
        try {
            session = Session.launch(javaArgs, null, line -> {
                Repl r = repl.get();
                String shown = "[target] " + TargetText.clean(line); // its own output, but never raw escapes
                if (r != null) {
                    r.printAbove(shown);
                } else {
                    err.println(shown);
                }
            });
        } catch (TargetException e) {
            err.println("mapdbg: " + TargetText.clean(e.getMessage()));
            return e.exitCode();
        }
        return repl(session, repl);
    }

    private int repl(Session session) {
        return repl(session, new AtomicReference<>());
    }

    private int repl(Session session, AtomicReference<Repl> holder) {
        active.set(session);
        session.idsOfThisAttach(); // the REPL prints ids and takes them back while attached
        try {
            ValueHistory history = new ValueHistory();
            CommandContext context = new CommandContext(session, history, new ProgressLines(err), true);
            context.sourceRunner(Scripts::source);
            Output output = new Output(out, err, history);
            Repl repl = new Repl(dispatcher(), context, output);
            holder.set(repl);
            String launched = session.launchedPid().map(pid -> "launched pid " + pid + " (it ends with the session); ").orElse("");
            err.println(launched + "attached to " + session.describe() + "; help lists the commands, detach (or Ctrl-D) leaves");
            try {
                return repl.run(in, stdinIsTerminal);
            } finally {
                context.agentTracesIfAny().ifPresent(t -> t.close()); // the agent takes its hooks out
            }
        } finally {
            closeActive();
        }
    }

    private Dispatcher dispatcher() {
        if (dispatcher == null) {
            dispatcher = new Dispatcher(CommandRegistry.standard());
        }
        return dispatcher;
    }

    private int oneShot(String commandWord, List<String> rest) {
        if (QuickBlocked.candidate(commandWord, rest)) { // also without the registry (~0.1 s of a one-shot's start)
            long started = System.nanoTime();
            AgentClient running = runningAgent(commandWord, rest);
            AgentBackend agent = running == null ? null : new AgentBackend(running, new ValueHistory());
            if (agent != null) { // the target takes its dump while the options are parsed
                agent.prefetchBlocked(rest.contains("--all-waits"));
            }
            QuickBlocked.Words quick = QuickBlocked.parse(commandWord, rest);
            if (quick != null && agent != null) {
                AgentEntry.announceDump(commandWord, running.pid(), err);
                try (running) {
                    return QuickBlocked.run(quick, agent, out, err, started);
                }
            }
            if (running != null) {
                running.close(); // not a plain blocked report: the normal way below checks it and chooses again
            }
            if (quick != null) {
                WayIn way = WayIn.open(commandWord, rest, null, null, true, err);
                active.set(way.session());
                if (way.agent() != null) { // a JVM without JDWP, where an agent runs after all
                    try (AgentClient a = way.agent()) {
                        return QuickBlocked.run(quick, new AgentBackend(a, new ValueHistory()), out, err, started);
                    }
                }
                if (way.session() == null) {
                    return way.exit();
                }
                try {
                    return QuickBlocked.run(quick, new JdwpBackend(way.session(), new ValueHistory()), out, err,
                            started);
                } finally {
                    closeActive();
                }
            }
        }
        if (commandWord.equals("help")) {
            return runWithoutTarget(commandWord, rest);
        }
        CommandInfo info = dispatcher().registry().find(commandWord).orElse(null);
        if (info == null) {
            err.println("mapdbg: unknown command '" + io.mapdbg.command.Echo.of(commandWord) + "'\n" + usage());
            return 2;
        }
        if (info.needs() == Needs.NOTHING || (!rest.isEmpty() && (rest.get(0).equals("-h") || rest.get(0).equals("--help")))) {
            return runWithoutTarget(commandWord, rest);
        }
        if (rest.isEmpty()) {
            err.println("mapdbg: " + commandWord + " needs a target: mapdbg " + commandWord + " <pid|host:port> ...");
            return 2;
        }
        List<String> commandLine = new java.util.ArrayList<>();
        commandLine.add(commandWord);
        commandLine.addAll(rest.subList(1, rest.size()));
        boolean served = info.needs().servedByAgent(); // the registry says what a session through the agent serves
        try { // every option checked before anything is attached, loaded or armed (--agent where it is no option: below)
            if (served || !AgentEntry.flagged(rest)) {
                // served through the agent, the command runs without the flag (agentOneShot): checked the same way
                dispatcher().preflight(served ? AgentEntry.without(commandLine) : commandLine);
            }
        } catch (io.mapdbg.command.CommandException e) {
            err.println("mapdbg: " + e.getMessage());
            return e.exitCode();
        }
        WayIn way = WayIn.open(commandWord, rest, served ? null : info.name(),
                () -> AgentEntry.served(dispatcher().registry()), false, err);
        active.set(way.session());
        if (way.agent() != null) {
            return agentOneShot(commandWord, rest, way.agent());
        }
        if (way.session() == null) {
            return way.exit();
        }
        Session session = way.session();
        try {
            List<String> words = new java.util.ArrayList<>();
            words.add(commandWord);
            words.addAll(rest.subList(1, rest.size()));
            CommandContext context = new CommandContext(session, new ValueHistory(), new ProgressLines(err), false);
            context.sourceRunner(Scripts::source);
            Output output = new Output(out, err, null);
            // a one-shot trace/break prints its hits as they come, then returns when done
            context.breakpointListener(new HitPrinter(dispatcher(), context, output, out::println));
            try {
                return output.execute(dispatcher(), words, context).status().exitCode;
            } finally {
                context.agentTracesIfAny().ifPresent(t -> t.close()); // the agent takes its hooks out
            }
        } finally {
            closeActive();
        }
    }

    /** A running agent for the quick path, or null (also when looking for one failed: the normal way says why). */
    private static AgentClient runningAgent(String commandWord, List<String> rest) {
        try {
            return AgentEntry.runningForDump(commandWord, rest);
        } catch (TargetException e) {
            return null;
        }
    }

    private int runWithoutTarget(String commandWord, List<String> rest) {
        List<String> words = new java.util.ArrayList<>();
        words.add(commandWord);
        words.addAll(rest);
        CommandContext context = new CommandContext(null, new ValueHistory(), ProgressSink.NONE, false);
        context.sourceRunner(Scripts::source);
        return new Output(out, err, null).execute(dispatcher(), words, context).status().exitCode;
    }

    private void closeActive() {
        TraceScriptMain script = trace.get();
        if (script != null) {
            script.stop(); // ends the script's run, waits for its own clean detach
        }
        Session session = active.getAndSet(null);
        if (session != null) {
            session.close();
        }
    }

    String usage() {
        StringBuilder s = new StringBuilder();
        s.append("mapdbg: a live debugger for the internals of Java maps\n\n");
        s.append("Usage:\n");
        s.append("  mapdbg attach <pid|host:port> [--agent]   open the REPL on a live JVM (--agent: through the mapdbg agent)\n");
        s.append("  mapdbg launch [--] <java args>            start a JVM with JDWP on loopback and open the REPL\n");
        s.append("  mapdbg trace <pid|host:port> <script.mdbg> [--json] [--out FILE] [--duration D] [--max-events N] [--strict] [--agent]\n");
        s.append("                                            run a script of commands, detach, exit (mapdbg trace --help)\n");
        s.append("  mapdbg <command> <pid|host:port> [args]   run one command, detach, exit (0 ok, 1 failure, 2 usage)\n");
        s.append("  mapdbg help [command]\n\n");
        s.append("The target JVM must run with -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0\n");
        s.append("or, for buckets, maps and threads on a local PID, be reached with --agent (the mapdbg agent, Attach API)\n\n");
        List<HelpText.Entry> entries = dispatcher().registry().commands().stream()
                .map(c -> new HelpText.Entry(c.name(), c.aliases(), c.summary())).toList();
        s.append(new io.mapdbg.render.TextRenderer(null).render(new HelpText(null, null, entries)));
        return s.toString();
    }
}
