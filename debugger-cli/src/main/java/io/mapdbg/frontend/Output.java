package io.mapdbg.frontend;

import com.sun.jdi.VMDisconnectedException;
import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandException;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.backend.ValueHistory;
import io.mapdbg.inspect.NotAHashMapException;
import io.mapdbg.model.CutShort;
import io.mapdbg.model.Result;
import io.mapdbg.render.Json;
import io.mapdbg.render.TextRenderer;
import io.mapdbg.session.Session;
import io.mapdbg.session.TargetExitedException;
import io.mapdbg.session.TargetException;
import io.mapdbg.session.TargetText;

import java.io.PrintStream;
import java.util.List;

/**
 * The edge where commands meet the user's streams: runs one command line through the dispatcher, prints its
 * result (its text view or one JSON line, from render) on out, errors as one line on err, progress on err. Shared
 * by the one-shot command line, trace scripts and the REPL.
 */
public final class Output {
    /** How a command ended; exitCode is what a one-shot mapdbg exits with. */
    public enum Status {
        OK(0), FAILED(1), USAGE(2), TARGET_GONE(1);

        public final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** The outcome of running one command. */
    public record Ran(Status status, Result result) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final TextRenderer text;

    public Output(PrintStream out, PrintStream err, ValueHistory history) {
        this.out = out;
        this.err = err;
        this.text = new TextRenderer(history == null ? null : history::handleFor);
    }

    public PrintStream err() {
        return err;
    }

    public void error(String message) {
        err.println("mapdbg: " + TargetText.clean(message));
        err.flush();
    }

    public void print(Result result, boolean json) {
        out.println(format(result, json));
        out.flush();
    }

    /** A result as it would print: one JSON line, or text (for lines printed asynchronously, above a prompt). */
    public String format(Result result, boolean json) {
        return TargetText.clean(json ? Json.render(result) : text.render(result)); // the one way results become text
    }

    public PrintStream out() {
        return out;
    }

    public Ran execute(Dispatcher dispatcher, List<String> words, CommandContext context) {
        return execute(dispatcher, words, words, context);
    }

    /** source: each word as typed, quotes kept (the REPL); the command line's shell already kept them in words. */
    public Ran execute(Dispatcher dispatcher, List<String> words, List<String> source, CommandContext context) {
        context.line(words, source);
        try {
            Dispatcher.Outcome outcome = dispatcher.execute(words, context);
            context.finishProgress(); // clear the progress line before the result lands on the terminal
            if (outcome.result() instanceof CutShort cut) { // what it saw until then, then why it is not all
                print(cut.result(), outcome.json());
                error(cut.reason());
                return new Ran(Status.FAILED, cut.result());
            }
            print(outcome.result(), outcome.json());
            return new Ran(Status.OK, outcome.result());
        } catch (CommandException e) {
            context.failProgress();
            error(e.getMessage());
            return new Ran(e.exitCode() == 2 ? Status.USAGE : Status.FAILED, null);
        } catch (TargetExitedException | VMDisconnectedException e) {
            context.failProgress();
            if (context.session().map(Session::isClosed).orElse(false)) { // closed under the command: Ctrl-C, SIGTERM
                error(words.get(0) + ": interrupted: mapdbg detached from the target, which runs on");
                return new Ran(Status.FAILED, null);
            }
            error(words.get(0) + ": the target VM exited (or closed the connection)");
            context.detached();
            return new Ran(Status.TARGET_GONE, null);
        } catch (TargetException e) {
            context.failProgress();
            error(e.getMessage());
            return new Ran(e.exitCode() == 2 ? Status.USAGE : Status.FAILED, null);
        } catch (NotAHashMapException e) {
            context.failProgress();
            error(words.get(0) + ": " + e.getMessage());
            return new Ran(Status.FAILED, null);
        } catch (RuntimeException e) {
            context.failProgress();
            error(words.get(0) + " failed: " + e);
            return new Ran(Status.FAILED, null);
        } finally {
            context.finishProgress();
        }
    }
}
