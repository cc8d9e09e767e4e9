package io.mapdbg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real terminal for a REPL test: a command running in a detached tmux pane on a private tmux server (its own
 * socket, ended by {@link #close()}), driven by send-keys and read by capture-pane. A pty, unlike JLine's
 * DumbTerminal, makes JLine complete, list candidates, keep history and deliver Ctrl-C as SIGINT.
 */
final class TmuxTerminal implements AutoCloseable {
    static final String PROMPT = "(mapdbg)";
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final Duration TMUX_CALL = Duration.ofSeconds(20);

    private final String socket;
    private final Duration bound;

    private TmuxTerminal(String socket, Duration bound) {
        this.socket = socket;
        this.bound = bound;
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs command (words, quoted for sh here) in a 200x50 pane. When the command ends the pane shows
     * {@code MAPDBG-EXIT=<code>} and stays, so the test can still read it.
     */
    static TmuxTerminal start(List<String> command, Duration bound) {
        String socket = "mapdbg-it-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet();
        TmuxTerminal t = new TmuxTerminal(socket, bound);
        StringBuilder shell = new StringBuilder();
        for (String word : command) {
            shell.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        shell.append("; echo MAPDBG-EXIT=$?; sleep 600"); // keeps the pane readable; the server's end stops it
        t.tmux("new-session", "-d", "-s", "repl", "-x", "200", "-y", "50", shell.toString());
        return t;
    }

    /** Types text as it is (no key names: $1 stays $1). */
    void type(String text) {
        tmux("send-keys", "-t", "repl", "-l", text);
    }

    /** Presses keys by tmux name: Tab, Enter, C-c, C-u, C-d. */
    void press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "repl"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** The pane, scrollback included, wrapped lines joined, trailing blanks cut. */
    String screen() {
        return tmux("capture-pane", "-p", "-J", "-t", "repl", "-S", "-3000").stripTrailing();
    }

    /** The last line showing the prompt, trailing blanks cut: the line being typed. */
    String promptLine() {
        return promptLine(screen());
    }

    static String promptLine(String screen) {
        List<String> lines = screen.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(PROMPT)) {
                return lines.get(i).stripTrailing();
            }
        }
        return "";
    }

    /** What is printed below the last prompt line: where JLine lists completion candidates. */
    String belowPrompt() {
        List<String> lines = screen().lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(PROMPT)) {
                return String.join("\n", lines.subList(i + 1, lines.size()));
            }
        }
        return "";
    }

    /** Polls the pane until p holds (bounded); returns that screen. */
    String await(Predicate<String> p, String what) {
        return await(p, what, bound);
    }

    String await(Predicate<String> p, String what, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        String screen = screen();
        while (!p.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show " + what + " within " + bound + "; pane "
                        + paneState() + "; screen:\n" + screen);
            }
            pause();
            screen = screen();
        }
        return screen;
    }

    String awaitText(String text) {
        return await(s -> s.contains(text), "'" + text + "'");
    }

    /** Polls until the line being typed equals line. */
    void awaitPromptLine(String line) {
        await(s -> promptLine(s).equals(line), "the prompt line '" + line + "'");
    }

    /** The pane's process, whether it is dead and what runs in it (for a failure's message: an empty screen says little). */
    private String paneState() {
        try {
            return tmux("display-message", "-p", "-t", "repl", "pid #{pane_pid} dead #{pane_dead} running #{pane_current_command}")
                    .strip();
        } catch (AssertionError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // a poll interval: the state is checked by the loop, not assumed after the wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("TMUX"); // a test run from inside tmux must not talk to the user's server
        pb.environment().remove("MAPDBG_HISTORY"); // the test sets user.home for the history file
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TMUX_CALL.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tmux " + String.join(" ", args) + " did not return");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Ends the private tmux server: the pane's processes get SIGHUP (mapdbg detaches in its shutdown hook). */
    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (AssertionError e) {
            // already gone
        }
    }
}
