package io.mapdbg.cli;

import com.sun.jdi.VMDisconnectedException;
import io.mapdbg.backend.Backend;
import io.mapdbg.backend.BlockedOptions;
import io.mapdbg.backend.UserError;
import io.mapdbg.backend.agent.AgentBackend;
import io.mapdbg.command.CommandException;
import io.mapdbg.command.ThreadsCommand;
import io.mapdbg.inspect.NotAHashMapException;
import io.mapdbg.frontend.Output;
import io.mapdbg.service.ThreadsService;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetExitedException;

import java.io.PrintStream;
import java.util.List;

/**
 * A one-shot {@code threads <target> --blocked}, on the backend the one-shot chose (a running agent, the opt-in fast
 * path, or JDWP), without building the command registry: the threads command parses its own options
 * ({@link ThreadsCommand#blockedRequest}); anything but a plain blocked report (help, --group, a bad value) returns
 * null and goes the normal way, which prints the usual errors.
 */
final class QuickBlocked {
    private QuickBlocked() {
    }

    /** The parsed options, or null when the words are not a plain {@code threads <target> --blocked ...}. */
    record Words(boolean json, BlockedOptions options, int top) {
    }

    /** Whether the words may be a plain {@code threads <target> --blocked ...} (then {@link #parse} says). */
    static boolean candidate(String command, List<String> rest) {
        return command.equals("threads") && !rest.isEmpty() && !rest.get(0).startsWith("-") && rest.contains("--blocked")
                && !"false".equals(System.getProperty("mapdbg.quick")); // -Dmapdbg.quick=false: always the normal way
    }

    static Words parse(String command, List<String> rest) {
        if (!candidate(command, rest)) {
            return null;
        }
        ThreadsCommand.BlockedRequest r = ThreadsCommand.blockedRequest(rest.subList(1, rest.size()));
        return r == null ? null : new Words(r.json(), r.options(), r.top());
    }

    /** Runs the blocked report and prints it as the threads command would; the exit code. started: the attach's start. */
    static int run(Words words, Backend backend, PrintStream out, PrintStream err, long started) {
        Output output = new Output(out, err, null);
        try {
            long t0 = System.nanoTime();
            var report = new ThreadsService(backend).blocked(words.options(), words.top());
            long t1 = System.nanoTime();
            output.print(report, words.json());
            if (Boolean.getBoolean("mapdbg.timing")) { // -Dmapdbg.timing=true: where the client's time went
                long upToStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                        - (System.nanoTime() - started) / 1_000_000;
                if (backend instanceof AgentBackend) {
                    err.printf("mapdbg: timing: JVM up to the request %d ms, connection %d ms, request, reply and report"
                                    + " %d ms, printing %d ms%n", upToStart, (t0 - started) / 1_000_000,
                            (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                } else {
                    err.printf("mapdbg: timing: JVM up to the attach %d ms, attach %d ms, report %d ms (target paused %d"
                                    + " ms), printing %d ms%n", upToStart, (t0 - started) / 1_000_000,
                            (t1 - t0) / 1_000_000, report.pauseMillis(), (System.nanoTime() - t1) / 1_000_000);
                }
            }
            return 0;
        } catch (CommandException e) {
            output.error(e.getMessage());
            return e.exitCode() == 2 ? 2 : 1;
        } catch (UserError e) {
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
}
