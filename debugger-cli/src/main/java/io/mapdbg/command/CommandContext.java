package io.mapdbg.command;

import io.mapdbg.backend.ValueHistory;
import io.mapdbg.backend.Backend;
import io.mapdbg.backend.Feature;
import io.mapdbg.backend.agent.AgentBackend;
import io.mapdbg.backend.jdwp.JdwpBackend;
import io.mapdbg.breakpoints.AgentTraces;
import io.mapdbg.breakpoints.BreakpointListener;
import io.mapdbg.breakpoints.Breakpoints;
import io.mapdbg.breakpoints.RunLimits;
import io.mapdbg.breakpoints.ThreadOrigins;
import io.mapdbg.inspect.WalkProgress;
import io.mapdbg.session.Session;
import io.mapdbg.session.Target;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.session.agent.AgentLoader;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a running command may use: the attached session (if any), the REPL's value history ($N) and a way to
 * report progress. Commands never print: progress goes through the sink, results are returned.
 */
public final class CommandContext {
    private Session session;
    private AgentClient agent; // the mapdbg agent in the target, when connected; guarded by this
    private JdwpBackend jdwpBackend; // over session, made on first use; guarded by this
    private AgentBackend agentBackend; // over agent, made on first use; guarded by this
    private final ValueHistory history;
    private final ProgressSink progress;
    private final boolean interactive;
    private final Set<String> knownPaths = new TreeSet<>();
    private volatile boolean invokeAllowed; // invoke on|off: may expressions run code in the target
    private Breakpoints breakpoints; // this session's, made on first use; guarded by this
    private AgentTraces agentTraces; // the agent's traces, made on first use; guarded by this
    private BreakpointListener breakpointListener = BreakpointListener.NONE; // guarded by this
    private ThreadOrigins origins; // origin on: made on first use; guarded by this
    private volatile RunLimits limits = RunLimits.NONE; // mapdbg trace --duration/--max-events
    private final java.util.concurrent.atomic.AtomicInteger scripts = new java.util.concurrent.atomic.AtomicInteger();

    public CommandContext(Session session, ValueHistory history, ProgressSink progress,
                          boolean interactive) {
        this.session = session;
        this.history = history;
        this.progress = progress;
        this.interactive = interactive;
    }

    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    public Session requireSession() {
        if (session == null) {
            AgentClient a = agentClient().orElse(null);
            if (a != null) {
                List<String> words = line.get().words();
                String what = words.isEmpty() ? "this command" : words.get(0);
                throw new CommandException(what + " needs JDWP: pid " + a.pid() + " runs only the mapdbg agent, which"
                        + " serves buckets, maps and threads [--blocked]; restart the JVM with "
                        + "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0 for " + what);
            }
            throw new CommandException("not attached to a target: use attach <pid|host:port>");
        }
        return session;
    }

    /** For the dispatcher: a JDWP session or an agent connection (commands that need JDWP then ask for it). */
    public void requireTarget() {
        if (session == null && agentClient().isEmpty()) {
            requireSession();
        }
    }

    /** The agent connection, when there is one. */
    public synchronized Optional<AgentClient> agentClient() {
        return Optional.ofNullable(agent);
    }

    public synchronized void agent(AgentClient client) {
        agent = client;
    }

    /**
     * The backend this session opened with: JDWP when attached over JDWP, else the mapdbg agent (a JVM without
     * JDWP, or --agent when the session opened). Chosen once, by whoever made this context; commands never choose.
     */
    public synchronized Backend backend() {
        if (session != null) {
            if (jdwpBackend == null || jdwpBackend.session() != session) {
                jdwpBackend = new JdwpBackend(session, history);
            }
            return jdwpBackend;
        }
        if (agent != null) {
            return agentBackend();
        }
        requireSession(); // says how to attach
        throw new IllegalStateException("unreachable");
    }

    /**
     * The backend for a command: the session's own, or the mapdbg agent when the user asked for it (--agent: loaded
     * into the attached JVM's local process if it is not running yet) or when the command needs one of features
     * that only the agent has and the agent is connected.
     */
    public Backend backend(boolean agentAsked, Feature... preferred) {
        if (agentAsked) {
            return agentBackend();
        }
        Backend own = backend();
        for (Feature f : preferred) {
            if (!own.can(f) && agentClient().isPresent()) {
                return agentBackend();
            }
        }
        return own;
    }

    /** The agent backend of this session, loading the agent when needed (see {@link #requireAgent}). */
    public synchronized AgentBackend agentBackend() {
        AgentClient client = requireAgent();
        if (agentBackend == null || agentBackend.client() != client) {
            agentBackend = new AgentBackend(client, history);
        }
        return agentBackend;
    }

    /** True when the target is reached through the agent only (no JDWP): agent-capable commands use it. */
    public synchronized boolean agentOnly() {
        return session == null && agent != null;
    }

    /**
     * The agent of the target: the connected one, else loaded into (or found running in) the attached JVM's local
     * process through the Attach API, and kept for the rest of this context.
     */
    public synchronized AgentClient requireAgent() {
        if (agent != null) {
            return agent;
        }
        if (session == null) {
            throw new CommandException("not attached to a target: use attach <pid|host:port>");
        }
        Long pid = session.target() instanceof Target.Pid p ? Long.valueOf(p.pid()) : session.launchedPid().orElse(null);
        if (pid == null) {
            throw new CommandException("--agent needs a local process: attach by PID (the agent is loaded through the Attach API)");
        }
        agent = AgentLoader.connect(pid, true).client();
        return agent;
    }

    public synchronized void detached() {
        session = null;
        jdwpBackend = null;
        agentBackend = null;
        breakpoints = null;
        origins = null;
        if (agentTraces != null) {
            agentTraces.close(); // unwatches; closing the agent connection below disarms the rest (it is the lease)
            agentTraces = null;
        }
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    /** Where this session's threads were started ({@code origin on}). */
    public synchronized ThreadOrigins origins() {
        if (origins == null) {
            origins = new ThreadOrigins(requireSession());
        }
        return origins;
    }

    /** The bounds every run of a trace script shares; {@link RunLimits#NONE} elsewhere. */
    public RunLimits limits() {
        return limits;
    }

    public void limits(RunLimits l) {
        limits = l == null ? RunLimits.NONE : l;
    }

    /** A script (trace or source) runs its commands: continue then means run with no bound of its own. */
    public boolean inScript() {
        return scripts.get() > 0;
    }

    /** Counts nested scripts (source inside a script); returns the depth after entering. */
    public int enterScript() {
        return scripts.incrementAndGet();
    }

    public void leaveScript() {
        scripts.decrementAndGet();
    }

    /** The traces the agent serves (trace mapassign --map M with the agent loaded), made on first use. */
    public synchronized AgentTraces agentTraces() {
        if (agentTraces == null) {
            agentTraces = new AgentTraces(requireAgent(), this::announce);
        }
        return agentTraces;
    }

    public synchronized Optional<AgentTraces> agentTracesIfAny() {
        return Optional.ofNullable(agentTraces);
    }

    /** The breakpoints and traces of the attached session. */
    public synchronized Breakpoints breakpoints() {
        if (breakpoints == null) {
            breakpoints = new Breakpoints(requireSession(), this::invokeAllowed);
            breakpoints.listener(breakpointListener);
        }
        return breakpoints;
    }

    /** Hands a result to the breakpoint listener (a one-shot trace says what it armed before it waits). */
    public void announce(io.mapdbg.model.Result result, boolean json) {
        BreakpointListener l;
        synchronized (this) {
            l = breakpointListener;
        }
        l.notice(result, json);
    }

    /** Where hits go (the REPL prints them above the prompt); set before the first breakpoint. */
    public synchronized void breakpointListener(BreakpointListener listener) {
        breakpointListener = listener;
        if (breakpoints != null) {
            breakpoints.listener(listener);
        }
    }

    public ValueHistory history() {
        return history;
    }

    /**
     * A progress callback for a long walk, labelled for the user; shown only if the walk lasts. It also ends the
     * walk when the user pressed Ctrl-C ({@link #requestStop()}): walks report progress per table chunk, and a
     * thread interrupt alone would be lost, since JDI swallows it while waiting for a reply.
     */
    public WalkProgress progress(String label) {
        return progress(label, null, "entries");
    }

    /** As progress(label), with what done/total count (unit) and what the third number counts (null: nothing). */
    public WalkProgress progress(String label, String unit, String entriesUnit) {
        WalkProgress shown = progress.start(label, unit, entriesUnit);
        return (done, total, entries) -> {
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                throw new CommandException(String.format("%s: interrupted (Ctrl-C) at %,d/%,d, %,d entries read;"
                        + " the target runs on", label, done, total, entries));
            }
            shown.update(done, total, entries);
        };
    }

    private volatile boolean stopRequested;

    /** Ctrl-C: the running command's walk ends at its next progress report; continue stops waiting. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether the user pressed Ctrl-C during this command: a command that waits or loops polls it. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Called before each command: a Ctrl-C of the previous one must not stop the next. */
    public void clearStop() {
        stopRequested = false;
    }

    public void finishProgress() {
        progress.finish();
    }

    /** Ends the progress line of a failed command, so that the error is the last line and nothing says done. */
    public void failProgress() {
        progress.fail();
    }

    /** True in the REPL (results get $N handles); false for one-shot commands. */
    public boolean interactive() {
        return interactive;
    }

    /** Whether expressions may invoke methods (hashCode) in the target: off until the user says invoke on. */
    public boolean invokeAllowed() {
        return invokeAllowed;
    }

    public void allowInvoke(boolean allowed) {
        invokeAllowed = allowed;
    }

    /** Static paths of maps that commands have shown, offered by completion. */
    public synchronized List<String> knownPaths() {
        return List.copyOf(knownPaths);
    }

    public synchronized void notePaths(Collection<String> paths) {
        paths.stream().filter(p -> p != null).forEach(knownPaths::add);
    }

    /** A line's words and each word as typed. */
    private record Line(List<String> words, List<String> source) {
    }

    // per thread: the REPL's thread and the event loop (running on-commands at a hit) run lines at the same time
    private final ThreadLocal<Line> line = ThreadLocal.withInitial(() -> new Line(List.of(), List.of()));

    /** The command line being run on this thread: its words, and each word as typed (the REPL keeps quotes there). */
    public void line(List<String> words, List<String> source) {
        line.set(new Line(List.copyOf(words), source.size() == words.size() ? List.copyOf(source) : List.copyOf(words)));
    }

    /**
     * The text of these words as the user typed them: expressions need their quotes ({@code key == "order-7"}),
     * which word splitting removes. Falls back to the words joined with blanks.
     */
    public String sourceOf(List<String> words) {
        List<String> lineWords = line.get().words();
        List<String> lineSource = line.get().source();
        int n = words.size();
        for (int start = lineWords.size() - n; start >= 0 && n > 0; start--) {
            if (lineWords.subList(start, start + n).equals(words)) {
                return String.join(" ", lineSource.subList(start, start + n));
            }
        }
        return String.join(" ", words);
    }

    private volatile SourceRunner sourceRunner = SourceRunner.NONE; // set by the front end

    /** How source runs a script here (the front end's script runner). */
    public SourceRunner sourceRunner() {
        return sourceRunner;
    }

    public void sourceRunner(SourceRunner runner) {
        sourceRunner = runner == null ? SourceRunner.NONE : runner;
    }

    /** The breakpoints and traces of the attached session, as commands use them (needs JDWP). */
    public io.mapdbg.service.BreakpointService breakpointService() {
        return new io.mapdbg.service.BreakpointService(requireSession(), this::breakpoints);
    }
}
