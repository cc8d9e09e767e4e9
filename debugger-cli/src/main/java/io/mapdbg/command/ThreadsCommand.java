package io.mapdbg.command;

import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.model.Result;
import io.mapdbg.service.ThreadsService;
import io.mapdbg.threads.ThreadStates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "threads",
        description = {"List the target's threads with id, state, daemon flag, name and top frame; --group groups identical stacks.",
                "",
                "id is the Java thread id (Thread.threadId(), jstack's #N): thread <id> takes it; --json also gives "
                        + "jdiId, the JDWP id (thread @jdiId takes that). state is a Thread.State name read from "
                        + "the thread's own status field, so WAITING (park, wait) and TIMED_WAITING (sleep, "
                        + "parkNanos, wait with a timeout) differ; jdiStatus is JDI's coarser view. Virtual "
                        + "threads are listed only when the target's JDWP runs with includevirtualthreads=y.",
                "",
                "--blocked shows threads that wait on locks, grouped per lock (as the blocked command does). With "
                        + "-s and --name only the waiters in that state or with such names are shown (owners always); "
                        + "with --group the waiting threads' stacks are grouped instead; idle waits (pool workers "
                        + "waiting for work, reference and timer threads) are left out unless --all-waits.",
                "",
                "--group groups threads whose stacks are identical, like a goroutine profile: largest group "
                        + "first, each with its count, states, thread names (at most 10) and the stack once.",
                "",
                "The target is suspended once while every thread is read (about a millisecond per 10 threads; "
                        + "frames only for the threads shown) and always resumed; threads stopped at a breakpoint "
                        + "stay stopped.",
                ""})
public final class ThreadsCommand implements MapdbgCommand, Checked {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = {"-s", "--state"}, paramLabel = "STATE", completionCandidates = ChoiceCompleter.ThreadStates.class,
            description = "Only threads in this state: RUNNABLE, BLOCKED, WAITING, TIMED_WAITING, NEW, TERMINATED or all "
                    + "(case-insensitive; JDI's MONITOR, WAIT, SLEEPING also work).")
    String state;

    @Option(names = "--name", paramLabel = "REGEX", description = "Only threads whose name contains a match of REGEX.")
    String name;

    @Option(names = "--group", description = "Group threads with identical stacks, largest group first.")
    boolean group;

    @Option(names = "--blocked", description = "Threads that wait on a lock, in clusters per lock, largest first: the "
            + "lock, its owner and what the owner does, the waiters and their waiting frames, the map and bin a lock "
            + "belongs to, and deadlocks (see help blocked).")
    boolean blocked;

    @Option(names = "--all-waits", description = "With --blocked: also idle waits (pool workers waiting for work in "
            + "a queue, ForkJoinPool workers, the JVM's reference and cleaner threads, Timer threads).")
    boolean allWaits;

    @Option(names = "--top", paramLabel = "N", defaultValue = "200",
            description = "How many threads (with --group: groups; with --blocked: lock clusters, largest first, all "
                    + "unless given) to list at most; 0 for all (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "16",
            description = "With --group: frames shown per group; 0 for all (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--agent", description = "Take the thread dump inside the target with the mapdbg agent (loaded if "
            + "needed; no pause of the target): locks resolve to maps that static fields reach, with RRWL read holders "
            + "and map-value entries as over JDWP. Once the agent runs, a one-shot threads <pid> --blocked uses it "
            + "without this flag (MAPDBG_THREADS=jdwp keeps JDWP).")
    boolean agent;

    @Spec
    CommandSpec spec;

    @Override
    public void check() {
        filter();
        pattern();
    }

    private String filter() {
        if (top < 0 || depth < 0) {
            throw new CommandException("threads: --top and --depth take 0 or more", 2);
        }
        if (allWaits && !blocked) {
            throw new CommandException("threads: --all-waits goes with --blocked", 2);
        }
        if (!group && Given.option(spec, "--depth")) {
            throw new CommandException("threads: --depth goes with --group (frames shown per group)", 2);
        }
        try {
            return ThreadStates.parseFilter(state);
        } catch (IllegalArgumentException e) {
            throw new CommandException("threads: " + Echo.of(e.getMessage()), 2);
        }
    }

    private Pattern pattern() {
        if (name != null && name.length() > MapPaths.MAX_CHARS) {
            throw new CommandException("threads: --name is longer than " + MapPaths.MAX_CHARS + " characters", 2);
        }
        try {
            return name == null ? null : Pattern.compile(name);
        } catch (PatternSyntaxException e) {
            throw new CommandException("threads: --name is not a regular expression: " + Echo.of(e.getDescription()), 2);
        }
    }

    @Override
    public Result run(CommandContext context) {
        String wanted = filter();
        Pattern pattern = pattern();
        ThreadsService service = new ThreadsService(context.backend(agent));
        if (blocked) {
            BlockedOptions options = new BlockedOptions(allWaits, wanted, pattern);
            return group ? service.blockedStacks(options, top, depth) : service.blocked(options, blockedTop());
        }
        return service.threads(new ThreadQuery(wanted, pattern, top, group, depth));
    }

    /** A plain {@code threads --blocked} as this command parsed it: what the one-shot fast path runs. */
    public record BlockedRequest(BlockedOptions options, int top, boolean json) {
    }

    /**
     * The words after the target of a one-shot {@code threads}, parsed by this command's own options, when they ask
     * for a plain blocked report (no --group, --agent or help) that passes the checks; else null, and the normal
     * way runs them (and prints the usual errors).
     */
    public static BlockedRequest blockedRequest(List<String> args) {
        ThreadsCommand c = new ThreadsCommand();
        try {
            if (new CommandLine(c).parseArgs(args.toArray(String[]::new)).isUsageHelpRequested()) {
                return null;
            }
            if (!c.blocked || c.group || c.agent) {
                return null;
            }
            return new BlockedRequest(new BlockedOptions(c.allWaits, c.filter(), c.pattern()), c.blockedTop(),
                    c.output.json());
        } catch (CommandLine.ParameterException | CommandException e) {
            return null;
        }
    }

    /** Clusters shown by --blocked: all of them unless --top was given (its default is for the thread list). */
    private int blockedTop() {
        return Given.option(spec, "--top") ? top : 0;
    }

    /** Served by either backend (JDWP or the mapdbg agent). */
    @Override
    public Needs needs() {
        return Needs.BACKEND;
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
