package io.mapdbg.cli;

import com.sun.jdi.VMDisconnectedException;
import io.mapdbg.command.CommandException;
import io.mapdbg.inspect.NotAHashMapException;
import io.mapdbg.frontend.Output;
import io.mapdbg.service.AgentThreadsService;
import io.mapdbg.service.BlockedService;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetExitedException;
import io.mapdbg.session.agent.AgentClient;
import io.mapdbg.threads.ThreadStates;

import java.io.PrintStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A one-shot {@code threads <target> --blocked}, through a running agent (the opt-in fast path) or over JDWP,
 * without building the command registry or loading picocli: the few options of the blocked report are parsed here,
 * and only when every word is one of them with a valid value; anything else (help, --group, --depth, a bad value,
 * another option) returns null and goes the normal way, which prints the usual errors.
 */
final class QuickBlocked {
    private QuickBlocked() {
    }

    /** The parsed options, or null when the words are not a plain {@code threads <target> --blocked ...}. */
    record Words(boolean json, BlockedService.Options options, int top) {
    }

    static Words parse(String command, List<String> rest) {
        if (!command.equals("threads") || rest.isEmpty() || rest.get(0).startsWith("-")
                || "false".equals(System.getProperty("mapdbg.quick"))) { // -Dmapdbg.quick=false: always the normal way
            return null;
        }
        boolean blocked = false;
        boolean json = false;
        boolean allWaits = false;
        String state = null;
        String name = null;
        int top = 0; // --blocked: every cluster unless --top is given
        for (int i = 1; i < rest.size(); i++) {
            String w = rest.get(i);
            String value = null;
            int eq = w.indexOf('=');
            if (w.startsWith("--") && eq > 0) {
                value = w.substring(eq + 1);
                w = w.substring(0, eq);
            }
            switch (w) {
                case "--blocked", "--json", "--all-waits" -> {
                    if (value != null) {
                        return null;
                    }
                    blocked |= w.equals("--blocked");
                    json |= w.equals("--json");
                    allWaits |= w.equals("--all-waits");
                }
                case "-s", "--state", "--name", "--top" -> {
                    if (value == null) {
                        if (i + 1 >= rest.size()) {
                            return null;
                        }
                        value = rest.get(++i);
                    }
                    if (w.equals("--top")) {
                        if (!value.matches("[0-9]{1,9}")) {
                            return null; // picocli says what is wrong
                        }
                        top = Integer.parseInt(value);
                    } else if (w.equals("--name")) {
                        name = value;
                    } else {
                        state = value;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (!blocked) {
            return null;
        }
        try {
            return new Words(json, new BlockedService.Options(allWaits, ThreadStates.parseFilter(state),
                    name == null ? null : Pattern.compile(name)), top);
        } catch (IllegalArgumentException e) { // a bad state, or PatternSyntaxException
            return null;
        }
    }

    /** Runs the blocked report over JDWP and prints it as the threads command would; the exit code. */
    static int runJdwp(Words words, Session session, PrintStream out, PrintStream err, long attaching) {
        Output output = new Output(out, err, null);
        try {
            long t0 = System.nanoTime();
            var report = new BlockedService(session).blocked(words.options()).top(words.top());
            long t1 = System.nanoTime();
            output.print(report, words.json());
            if (Boolean.getBoolean("mapdbg.timing")) { // -Dmapdbg.timing=true: where the client's time went
                err.printf("mapdbg: timing: JVM up to the attach %d ms, attach %d ms, report %d ms (target paused %d ms),"
                                + " printing %d ms%n",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - attaching) / 1_000_000,
                        (t0 - attaching) / 1_000_000, (t1 - t0) / 1_000_000, report.pauseMillis(), (System.nanoTime() - t1) / 1_000_000);
            }
            return 0;
        } catch (CommandException e) {
            output.error(e.getMessage());
            return e.exitCode() == 2 ? 2 : 1;
        } catch (TargetExitedException | VMDisconnectedException e) {
            output.error("threads: the target VM exited (or closed the connection)");
            return 1;
        } catch (TargetException e) {
            output.error(e.getMessage());
            return e.exitCode() == 2 ? 2 : 1;
        } catch (NotAHashMapException e) {
            output.error("threads: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            output.error("threads failed: " + e);
            return 1;
        }
    }

    /** Runs the blocked report on the agent and prints it as the threads command would; the exit code. */
    static int run(Words words, AgentClient agent, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        AgentThreadsService.prefetch(agent, words.options().allWaits());
        Output output = new Output(out, err, null);
        try (agent) {
            var report = new AgentThreadsService(agent).blocked(words.options()).top(words.top());
            long t1 = System.nanoTime();
            output.print(report, words.json());
            if (Boolean.getBoolean("mapdbg.timing")) { // -Dmapdbg.timing=true: where the client's time went
                err.printf("mapdbg: timing: JVM up to the request %d ms, request and reply %d ms, report %d ms, printing %d ms%n",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - t0) / 1_000_000,
                        (AgentThreadsService.prefetchedAt - t0) / 1_000_000, (t1 - AgentThreadsService.prefetchedAt) / 1_000_000,
                        (System.nanoTime() - t1) / 1_000_000);
            }
            return 0;
        } catch (CommandException e) {
            output.error(e.getMessage());
            return e.exitCode() == 2 ? 2 : 1;
        } catch (TargetException e) {
            output.error(e.getMessage());
            return e.exitCode() == 2 ? 2 : 1;
        } catch (RuntimeException e) {
            output.error("threads failed: " + e);
            return 1;
        }
    }
}
