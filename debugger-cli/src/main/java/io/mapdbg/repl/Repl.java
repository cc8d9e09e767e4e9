package io.mapdbg.repl;

import io.mapdbg.command.CommandContext;
import io.mapdbg.command.CommandInfo;
import io.mapdbg.command.Dispatcher;
import io.mapdbg.model.Detached;
import io.mapdbg.render.Output;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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

    public Repl(Dispatcher dispatcher, CommandContext context, Output output) {
        this.dispatcher = dispatcher;
        this.context = context;
        this.output = output;
        this.above = output.err()::println;
        this.results = output.out()::println;
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
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mapdbg")
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".mapdbg_history"))
                .completer((r, line, candidates) -> complete(line.words(), line.wordIndex(), candidates))
                .build();
        above = reader::printAbove;
        results = reader::printAbove;
        int failures = 0;
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine("(mapdbg) ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line, it does not end the session
                } catch (EndOfFileException e) {
                    return failures == 0 ? 0 : 1;
                }
                Step step = interruptible(terminal, line);
                if (step == Step.FAILED || step == Step.GONE) {
                    failures++;
                }
                if (step == Step.DETACHED || step == Step.GONE) {
                    return failures == 0 ? 0 : 1;
                }
            }
        } finally {
            above = output.err()::println;
            results = output.out()::println;
        }
    }

    /** Ctrl-C while a command runs (continue waiting for a stop) interrupts that command, not the session. */
    private Step interruptible(Terminal terminal, String line) {
        Thread running = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> running.interrupt());
        try {
            return step(line);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
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

    private Step step(String line) {
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

    private void complete(List<String> words, int index, List<Candidate> candidates) {
        if (index == 0) {
            dispatcher.registry().words().forEach(w -> candidates.add(new Candidate(w)));
            return;
        }
        dispatcher.registry().find(words.get(0)).ifPresent(info -> addArgs(info, words, candidates));
    }

    private void addArgs(CommandInfo info, List<String> words, List<Candidate> candidates) {
        dispatcher.registry().optionNames(info).forEach(o -> candidates.add(new Candidate(o)));
        info.completer().candidates(context, words).forEach(c -> candidates.add(new Candidate(c)));
    }
}
