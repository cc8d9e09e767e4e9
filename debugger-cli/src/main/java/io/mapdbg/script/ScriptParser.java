package io.mapdbg.script;

import io.mapdbg.breakpoints.ConditionCompiler;
import io.mapdbg.command.Checked;
import io.mapdbg.command.CommandInfo;
import io.mapdbg.command.CommandRegistry;
import io.mapdbg.command.MapdbgCommand;
import io.mapdbg.command.WithExpression;
import io.mapdbg.expr.ExpressionException;
import io.mapdbg.repl.Words;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole {@code *.mdbg} script before anything runs: one command per line, split as the REPL splits
 * ({@code #} starts a comment outside quotes), {@code on NAME {} ... {@code }} blocks, and every command's name,
 * options and arguments checked against the registry (picocli, and {@link Checked} where a command has a grammar
 * of its own). The first mistake is a {@link ScriptSyntaxException} naming its line and column.
 */
public final class ScriptParser {
    /** Commands that cannot run at a hit (on the printer thread, with the hitting thread stopped). */
    private static final Set<String> NOT_AT_A_HIT = Set.of("run", "continue", "source", "detach", "on");
    /** Longer lines are no commands anyone typed (a binary file, a runaway generator). */
    static final int MAX_LINE = 10_000;
    private static final Pattern QUOTE_COLUMN = Pattern.compile("column (\\d+)");

    private final CommandRegistry registry;

    public ScriptParser(CommandRegistry registry) {
        this.registry = registry;
    }

    public TraceScript parse(String file, String text) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Step.OnBlock open = null;
        List<Step.Line> body = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            if (raw.length() > MAX_LINE) {
                throw new ScriptSyntaxException(file, lineNo, MAX_LINE + 1, String.format(
                        "a line of %,d characters: at most %,d", raw.length(), MAX_LINE));
            }
            Words.Split split;
            try {
                split = Words.splitKeepingSource(raw);
            } catch (IllegalArgumentException e) {
                Matcher m = QUOTE_COLUMN.matcher(String.valueOf(e.getMessage()));
                throw new ScriptSyntaxException(file, lineNo, m.find() ? Integer.parseInt(m.group(1)) : 1, e.getMessage());
            }
            List<String> words = split.words();
            if (words.isEmpty()) {
                continue;
            }
            int[] columns = columns(raw, split.source());
            Step.Line line = new Step.Line(lineNo, columns[0], text(split.source()), words, split.source());
            boolean close = words.size() == 1 && words.get(0).equals("}");
            boolean opens = words.get(words.size() - 1).equals("{");
            if (open != null) {
                if (close) {
                    if (body.isEmpty()) {
                        throw new ScriptSyntaxException(file, lineNo, columns[0], "empty on block: put one command per line between { and }");
                    }
                    steps.add(new Step.OnBlock(open.line(), open.column(), open.breakpoint(), List.copyOf(body)));
                    open = null;
                    body = null;
                    continue;
                }
                if (opens) {
                    throw new ScriptSyntaxException(file, lineNo, columns[words.size() - 1],
                            "'{' inside the on block of line " + open.line() + ": close it with '}' first");
                }
                check(file, line, columns, 0, true);
                body.add(line);
                continue;
            }
            if (close) {
                throw new ScriptSyntaxException(file, lineNo, columns[0], "'}' without an 'on NAME {' before it");
            }
            if (opens) {
                boolean isOn = registry.find(words.get(0)).map(c -> c.name().equals("on")).orElse(false);
                if (!isOn || words.size() != 3) {
                    throw new ScriptSyntaxException(file, lineNo, columns[words.size() - 1], isOn
                            ? "a block is 'on NAME {' alone on its line, its commands on the lines after it, then '}'"
                            : "'{' opens a block only in 'on NAME {'");
                }
                open = new Step.OnBlock(lineNo, columns[0], words.get(1), List.of());
                body = new ArrayList<>();
                continue;
            }
            check(file, line, columns, 0, false);
            steps.add(line);
        }
        if (open != null) {
            throw new ScriptSyntaxException(file, open.line(), open.column(), "'on " + open.breakpoint()
                    + " {' is not closed: end the block with a line '}'");
        }
        return new TraceScript(file, List.copyOf(steps));
    }

    /** Checks the command that starts at word from; an on-command's own command is checked too. */
    private void check(String file, Step.Line line, int[] columns, int from, boolean atHit) {
        List<String> words = line.words().subList(from, line.words().size());
        String name = words.get(0);
        CommandInfo info = registry.find(name).orElseThrow(() -> new ScriptSyntaxException(file, line.line(),
                columns[from], "unknown command '" + name + "'" + hint(name)));
        if (atHit && NOT_AT_A_HIT.contains(info.name())) {
            throw new ScriptSyntaxException(file, line.line(), columns[from],
                    info.name() + " cannot run at a hit (in an on command or block)");
        }
        MapdbgCommand command = info.factory().get();
        try {
            new CommandLine(command).parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            if (command instanceof Checked checked) {
                checked.check();
            }
        } catch (CommandLine.UnmatchedArgumentException e) {
            String bad = e.getUnmatched().isEmpty() ? null : e.getUnmatched().get(0);
            throw new ScriptSyntaxException(file, line.line(), columns[from + indexOf(words, bad)], strip(e.getMessage(), info));
        } catch (CommandLine.ParameterException e) {
            String bad = e.getValue();
            throw new ScriptSyntaxException(file, line.line(), columns[from + indexOf(words, bad)], strip(e.getMessage(), info));
        } catch (RuntimeException e) {
            int at = words.size() > 1 ? 1 : 0;
            throw new ScriptSyntaxException(file, line.line(), columns[from + at], strip(e.getMessage(), info));
        }
        if (command instanceof WithExpression w && !w.expressionWords().isEmpty()) {
            checkExpression(file, line, columns, from + words.size() - w.expressionWords().size(), from + words.size(), info);
        }
        if (info.name().equals("on") && words.size() >= 3) {
            check(file, line, columns, from + 2, true);
        }
    }

    /** A condition's syntax, as written (quotes kept); the column of a mistake is the line's own. */
    private static void checkExpression(String file, Step.Line line, int[] columns, int first, int end, CommandInfo info) {
        List<String> source = line.source().subList(first, end);
        String text = String.join(" ", source);
        try {
            ConditionCompiler.checkSyntax(text);
        } catch (ExpressionException e) {
            int offset = Math.max(0, e.column() - 1);
            int column = columns[first];
            for (int k = 0, start = 0; k < source.size(); start += source.get(k).length() + 1, k++) {
                if (offset < start + source.get(k).length() + 1) {
                    column = columns[first + k] + Math.max(0, offset - start);
                    break;
                }
            }
            throw new ScriptSyntaxException(file, line.line(), column, info.name() + ": condition '" + text + "': " + e.reason());
        }
    }

    /** Messages of our commands start with the command's name already. */
    private static String strip(String message, CommandInfo info) {
        String m = String.valueOf(message);
        return m.startsWith(info.name() + ":") ? m : info.name() + ": " + m;
    }

    private static int indexOf(List<String> words, String word) {
        if (word != null) {
            for (int i = 1; i < words.size(); i++) {
                if (words.get(i).equals(word)) {
                    return i;
                }
            }
        }
        return words.size() > 1 ? 1 : 0;
    }

    private String hint(String word) {
        List<String> close = registry.words().stream().filter(w -> w.startsWith(word.substring(0, 1))).toList();
        return close.isEmpty() ? "" : " (did you mean: " + String.join(", ", close) + "?)";
    }

    /** 1-based column of each word: the source pieces are substrings of the line, in order. */
    static int[] columns(String raw, List<String> source) {
        int[] out = new int[source.size()];
        int from = 0;
        for (int i = 0; i < source.size(); i++) {
            int at = raw.indexOf(source.get(i), from);
            out[i] = at < 0 ? from + 1 : at + 1;
            from = at < 0 ? from : at + source.get(i).length();
        }
        return out;
    }

    private static String text(List<String> source) {
        return String.join(" ", source);
    }
}
