package io.mapdbg.repl;

import io.mapdbg.command.CommandContext;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.command.LineCompleter;
import io.mapdbg.model.Detached;
import io.mapdbg.frontend.Output;
import io.mapdbg.session.Target;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The interactive session: a JLine prompt with history and completion on a terminal, or the same commands
 * read line by line when stdin is piped or the terminal is dumb (so scripts can pipe into it).
 */
public final class Repl {
    private final Dispatcher dispatcher;
    private final CommandContext context;
    private final Output output;
    private volatile Consumer<String> above;
    private volatile Consumer<String> results; // hits and on-command output: stdout when piped, above the prompt on a terminal
    private final LineCompleter completer;
    private volatile boolean running; // a command runs on the REPL thread: Ctrl-C is for it

    public Repl(Dispatcher dispatcher, CommandContext context, Output output) {
        this.dispatcher = dispatcher;
        this.context = context;
        this.output = output;
        this.above = output.err()::println;
        this.results = output.out()::println;
        this.completer = new LineCompleter(dispatcher.registry());
        // breakpoint hits arrive on the event-loop thread, between and during commands
        context.breakpointListener(new HitPrinter(dispatcher, context, output, line -> results.accept(line)));
    }

    /** Where asynchronous lines (the launched target's output) go: above the prompt when interactive. */
    public void printAbove(String line) {
        above.accept(line);
    }

    /** Runs until detach/exit or end of input. Returns 0 when every command succeeded, else 1. */
    public int run(InputStream in, boolean stdinIsTerminal) {
        if (stdinIsTerminal) {
            try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
                if (!Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                    return interactive(terminal);
                }
            } catch (IOException e) {
                // no usable terminal: fall back to line mode
            }
        }
        return batch(in);
    }

    private int interactive(Terminal terminal) {
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false); // an unclosed quote is an error (Words says where), not a second line
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mapdbg")
                .parser(parser)
                .variable(LineReader.HISTORY_FILE, historyFile(System.getenv(), System.getProperty("user.home")))
                .completer(new Completion(completer))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // expressions use '!': print !key.isEmpty()
                .option(LineReader.Option.HISTORY_TIMESTAMPED, false) // one command a line: readable, greppable
                .build();
        above = reader::printAbove;
        results = reader::printAbove;
        // one handler for the whole session: Ctrl-C while a command runs stops that command (the terminal is
        // cooked then, so it arrives as SIGINT); at the prompt the reader sees it as a key and clears the line
        Thread replThread = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
            if (running) {
                context.requestStop();
                replThread.interrupt();
            }
        });
        Runnable stopWatching = watchTargetExit();
        completer.warm(context);
        int failures = 0;
        try {
            while (true) {
                String line;
                boolean endOfInput = false;
                try {
                    line = reader.readLine("(mapdbg) ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line, it does not end the session
                } catch (EndOfFileException e) {
                    line = "detach"; // Ctrl-D: leave as detach does, saying so
                    endOfInput = true;
                    terminal.writer().println();
                }
                Step step = interruptible(line);
                if (step == Step.FAILED || step == Step.GONE) {
                    failures++;
                }
                if (endOfInput || step == Step.DETACHED || step == Step.GONE) {
                    return failures == 0 ? 0 : 1;
                }
            }
        } finally {
            stopWatching.run();
            terminal.handle(Terminal.Signal.INT, previous);
            saveHistory(reader);
            completer.close();
            above = output.err()::println;
            results = output.out()::println;
        }
    }

    /** ~/.mapdbg_history, or $MAPDBG_HISTORY when set (an empty value: no history file). */
    static Path historyFile(Map<String, String> env, String userHome) {
        String set = env.get("MAPDBG_HISTORY");
        if (set != null) {
            return set.isBlank() ? null : Path.of(set);
        }
        return Path.of(userHome, ".mapdbg_history");
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException | RuntimeException e) {
            output.error("could not save the history: " + e.getMessage());
        }
    }

    /**
     * Says above the prompt when the target process ends, instead of leaving it to the next command (local
     * targets: a PID, or a launched JVM). Returns what stops watching.
     */
    private Runnable watchTargetExit() {
        Optional<Long> pid = context.session().flatMap(s -> s.launchedPid().isPresent() ? s.launchedPid()
                : s.target() instanceof Target.Pid p ? Optional.of(p.pid()) : Optional.empty());
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of);
        if (process.isEmpty()) {
            return () -> { };
        }
        AtomicBoolean watching = new AtomicBoolean(true);
        long p = pid.get();
        process.get().onExit().thenRun(() -> {
            if (watching.get()) {
                above.accept("mapdbg: the target (pid " + p + ") exited; detach or Ctrl-D ends the session");
            }
        });
        return () -> watching.set(false);
    }

    /** Ctrl-C while a command runs (continue waiting for a stop, a long walk) interrupts that command, not the session. */
    private Step interruptible(String line) {
        context.clearStop();
        running = true;
        try {
            return step(line);
        } finally {
            running = false;
            context.clearStop();
            Thread.interrupted(); // a late Ctrl-C must not hit the next command
        }
    }

    private int batch(InputStream in) {
        int failures = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Step step = step(line);
                if (step == Step.FAILED || step == Step.GONE) {
                    failures++;
                }
                if (step == Step.DETACHED || step == Step.GONE) {
                    break;
                }
            }
        } catch (IOException e) {
            output.error("reading commands: " + e.getMessage());
            failures++;
        }
        return failures == 0 ? 0 : 1;
    }

    private enum Step { OK, FAILED, DETACHED, GONE, EMPTY }

    /** Longer lines are no commands anyone typed (a pasted binary, a runaway pipe), as in scripts. */
    static final int MAX_LINE = 10_000;

    private Step step(String line) {
        if (line.length() > MAX_LINE) {
            output.error(String.format("a line of %,d characters: at most %,d", line.length(), MAX_LINE));
            return Step.FAILED;
        }
        List<String> words;
        List<String> source;
        try {
            Words.Split split = Words.splitKeepingSource(line);
            words = split.words();
            source = split.source();
        } catch (IllegalArgumentException e) {
            output.error(e.getMessage());
            return Step.FAILED;
        }
        if (words.isEmpty()) {
            return Step.EMPTY;
        }
        Output.Ran ran = output.execute(dispatcher, words, source, context);
        return switch (ran.status()) {
            case OK -> ran.result() instanceof Detached ? Step.DETACHED : Step.OK;
            case TARGET_GONE -> Step.GONE;
            case FAILED, USAGE -> Step.FAILED;
        };
    }

    /** JLine's side of completion: the words up to the cursor go to the registry's completer. */
    private final class Completion implements Completer {
        private final LineCompleter completer;

        Completion(LineCompleter completer) {
            this.completer = completer;
        }

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
            words.add(line.word().substring(0, line.wordCursor()));
            try {
                List<LineCompleter.Suggestion> found = completer.complete(context, words);
                for (int i = 0; i < found.size(); i++) {
                    LineCompleter.Suggestion s = found.get(i);
                    // sort: keep the completer's order (thread ids by number, $1 before $10), not JLine's by text
                    candidates.add(new Candidate(s.value(), s.value(), null,
                            s.description() == null || s.description().isEmpty() ? null : s.description(),
                            null, null, s.complete(), i));
                }
            } catch (RuntimeException e) {
                // completion must never break the prompt: a target that went away offers nothing
            }
        }
    }
}
